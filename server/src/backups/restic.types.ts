import type { Readable, Writable } from 'node:stream';
import type { RetentionPolicy } from './backup.types';

/**
 * Where a restic repository lives. `local` is the default: `<DATA_DIR>/backups/repository`, reached by
 * the restic container through the data directory's own mount (a bind in `npm start`, the manager's
 * data volume in the image). The others are configurable off-site targets.
 */
export type BackupTarget =
  | { kind: 'local' }
  | { kind: 'directory'; path: string }
  /** `repositoryFile`: relative to the data directory, the whole URL with its password (never in `url`). */
  | { kind: 'rest'; url: string; repositoryFile?: string }
  /** `keyFile`, `knownHostsFile`: relative to the data directory (the appliance's key, the pinned host key). */
  | { kind: 'sftp'; user: string; host: string; port: number; path: string; keyFile: string; knownHostsFile: string }
  /** `url`: `https://endpoint/bucket/prefix`; `credentialsFile`: relative to the data directory (AWS format). */
  | { kind: 's3'; url: string; credentialsFile?: string; pathStyle?: boolean };

/** restic's `key list --json` entry, trimmed: `current` is the key the call opened the repository with. */
export interface ResticKey {
  id: string;
  current: boolean;
}

/** restic's `snapshots --json` entry, trimmed to what we use. */
export interface ResticSnapshot {
  id: string;
  time: string;
  tags: string[];
  paths: string[];
}

/** restic's backup `summary` message, trimmed. */
export interface ResticBackupSummary {
  snapshotId: string;
  totalBytesProcessed: number;
  dataAdded: number;
}

/** restic's backup `status` message: how far this part is. */
export interface ResticStatus {
  percentDone: number;
  bytesDone: number;
  totalBytes: number;
}

export interface ResticRunOptions {
  /** Aborts the restic container (a hung target); the promise then rejects with ResticError `timeout`. */
  signal?: AbortSignal;
  onStatus?: (status: ResticStatus) => void;
}

/** A volume to back up or restore, mounted into restic's container at `/volumes/<name>`. */
export interface VolumeRef {
  name: string;
  /** For backupVolume: paths relative to the volume's root left out (a cache, e.g. Synapse's remote media). */
  exclude?: readonly string[];
}

/**
 * The one gateway to restic (implemented by ResticRepository): each call runs restic with `--json` in a
 * short-lived sibling container of the catalog's restic image, the password given as a file, never in
 * the environment. Errors leave as ResticError with a reason a person can be told about.
 */
export interface ResticPort {
  /** Creates the repository if it does not exist yet (first backup); idempotent. */
  ensureRepository(target: BackupTarget): Promise<void>;
  backupVolume(
    target: BackupTarget,
    volume: VolumeRef,
    tags: string[],
    options?: ResticRunOptions,
  ): Promise<ResticBackupSummary>;
  /** `restic backup --stdin`: the dump streamed in (never fully in memory), stored as `filename`. */
  backupStdin(
    target: BackupTarget,
    filename: string,
    input: Readable,
    tags: string[],
    options?: ResticRunOptions,
  ): Promise<ResticBackupSummary>;
  /** A directory of the data directory (relative path), e.g. the staged copy of the manager's database. */
  backupDataPath(
    target: BackupTarget,
    relativePath: string,
    tags: string[],
    options?: ResticRunOptions,
  ): Promise<ResticBackupSummary>;
  snapshots(target: BackupTarget, tags?: string[]): Promise<ResticSnapshot[]>;
  /** Removes snapshots (a failed run's parts) and prunes. */
  removeSnapshots(target: BackupTarget, ids: string[]): Promise<void>;
  /** `forget --prune` grouped by the run tag's points (see backup.types). Returns the snapshot ids kept. */
  forget(target: BackupTarget, policy: RetentionPolicy, options?: ResticRunOptions): Promise<string[]>;
  /** `copy` of snapshots (by id) from `from`, a repository with the same password, into `target`. */
  copy(target: BackupTarget, from: BackupTarget, ids: string[], options?: ResticRunOptions): Promise<void>;
  /** `check --read-data-subset=<subset>` (e.g. `3/30`). */
  check(target: BackupTarget, subset: string, options?: ResticRunOptions): Promise<void>;
  /** Restores one volume's snapshot into that (emptied) volume. */
  restoreVolume(target: BackupTarget, snapshotId: string, volume: VolumeRef, options?: ResticRunOptions): Promise<void>;
  /** `restic dump <snapshot> <file>` streamed out (a database dump into psql). */
  dump(
    target: BackupTarget,
    snapshotId: string,
    filename: string,
    output: Writable,
    options?: ResticRunOptions,
  ): Promise<void>;
  /** Restores a data-directory snapshot under `relativeDir` of the data directory (disaster recovery). */
  restoreDataPath(
    target: BackupTarget,
    snapshotId: string,
    relativeDir: string,
    options?: ResticRunOptions,
  ): Promise<void>;
  /** `unlock`: removes stale locks. Callers call it only while no backup of ours runs (the `data` lock). */
  unlock(target: BackupTarget): Promise<void>;
  /**
   * `key add` with a new password (the recovery key shown once to the admin); returns the new key's id.
   * `replacing`: the id of an earlier key of ours, removed once the new one is in (never the current one).
   */
  addKey(target: BackupTarget, newPassword: string, replacing?: string): Promise<string>;
}

export type ResticFailure =
  'noRepository' | 'wrongPassword' | 'locked' | 'diskFull' | 'unreachable' | 'timeout' | 'failed';

export class ResticError extends Error {
  constructor(
    readonly reason: ResticFailure,
    readonly detail: string,
  ) {
    super(`restic: ${reason}: ${detail}`);
    this.name = 'ResticError';
  }
}
