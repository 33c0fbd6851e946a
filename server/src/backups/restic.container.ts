import type { EngineMountSpec } from '../engine/engine.types';
import type { BackupTarget, VolumeRef } from './restic.types';
import { HOST_KEY_ALIAS } from './ssh-key';

/**
 * Pure: where things are inside restic's container, and which privileges each kind of call gets.
 * restic runs as root in its container with every capability dropped, then given back only what the
 * call needs; no network unless the target is remote.
 */

/** The data directory (repository, password file, staged manager files). */
export const DATA_MOUNT = '/data';
/** A `directory` target (another disk). */
export const TARGET_MOUNT = '/target';
/** Each volume at `/volumes/<name>`: the path stored in its snapshots. */
export const VOLUMES_MOUNT = '/volumes';
/** Where a volume snapshot is restored (a tmpfs, the volume mounted at the snapshot's path below it). */
export const RESTORE_MOUNT = '/restore';
/** restic's cache and temporary pack files: the root filesystem is read-only. */
export const SCRATCH = '/tmp';
/** Recorded as the snapshots' host, whatever the container's random hostname: restic finds the parent. */
export const RESTIC_HOST = 'tiers-lieux';

export const volumePath = (volume: VolumeRef) => `${VOLUMES_MOUNT}/${volume.name}`;
/** The path a `backupStdin` file has inside its snapshot (what `dump` takes). */
export const stdinPath = (filename: string) => `/${filename}`;
export const dataPath = (relativePath: string) => `${DATA_MOUNT}/${relativePath}`;
/**
 * Where restoreDataPath(…, relativeDir) puts what backupDataPath(…, relativePath) saved, relative to
 * the data directory: the snapshot keeps its stored paths (`/data/<relativePath>`) under relativeDir.
 */
export const restoredDataPath = (relativeDir: string, relativePath: string) =>
  `${relativeDir}${DATA_MOUNT}/${relativePath}`;

/** A volume for one call: read-only or not, at `/volumes/<name>` unless `at` says otherwise. */
export interface VolumeMountRef {
  volume: VolumeRef;
  readOnly: boolean;
  at?: string;
}

/** The kinds of calls, by what they touch beyond the repository. */
export type ResticAccess = 'repository' | 'readAny' | 'writeAny';

/**
 * Capabilities per access. Reading volumes of any owner needs DAC_READ_SEARCH; restoring them with
 * their owners and modes needs CHOWN, FOWNER and DAC_OVERRIDE. When the manager does not run as root
 * (the image: uid 10001), the repository and password file are its user's, so root in the container
 * needs DAC_OVERRIDE to use them at all.
 */
export function capabilitiesFor(access: ResticAccess, managerIsRoot: boolean): string[] {
  const caps = new Set<string>(managerIsRoot ? [] : ['DAC_OVERRIDE']);
  if (access === 'readAny') caps.add('DAC_READ_SEARCH');
  if (access === 'writeAny') for (const cap of ['CHOWN', 'FOWNER', 'DAC_OVERRIDE']) caps.add(cap);
  return [...caps].sort();
}

export function isRemote(target: BackupTarget): boolean {
  return target.kind === 'rest' || target.kind === 'sftp' || target.kind === 's3';
}

/** restic's `-r` for a target, as seen from inside its container. */
export function repositoryArg(target: BackupTarget): string {
  switch (target.kind) {
    case 'local':
      return `${DATA_MOUNT}/backups/repository`;
    case 'directory':
      return TARGET_MOUNT;
    case 'rest':
      return `rest:${target.url}`;
    case 'sftp':
      return `sftp:${target.user}@${target.host}:${target.path}`;
    case 's3':
      return `s3:${target.url}`;
  }
}

/** How restic is told the repository: a secret file (a URL with its password) or `-r`, and its options. */
export function repositoryArgs(target: BackupTarget): string[] {
  if (target.kind === 'rest' && target.repositoryFile) {
    return ['--repository-file', dataPath(safeRelative(target.repositoryFile))];
  }
  if (target.kind === 'sftp') return ['-r', repositoryArg(target), '-o', `sftp.command=${sshCommand(target)}`];
  if (target.kind === 's3') {
    return ['-r', repositoryArg(target), '-o', `s3.bucket-lookup=${target.pathStyle ? 'path' : 'auto'}`];
  }
  return ['-r', repositoryArg(target)];
}

/**
 * The ssh restic runs for an SFTP place: the appliance's key only, the place's host key pinned (an
 * unknown or changed key is refused, never learnt), no prompt, no configuration file of the image.
 * restic splits it on spaces: every part is checked free of them (backup-target-location.ts).
 */
export function sshCommand(target: Extract<BackupTarget, { kind: 'sftp' }>): string {
  return [
    'ssh',
    '-F',
    '/dev/null',
    '-i',
    dataPath(safeRelative(target.keyFile)),
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    `UserKnownHostsFile=${dataPath(safeRelative(target.knownHostsFile))}`,
    '-o',
    'GlobalKnownHostsFile=/dev/null',
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    `HostKeyAlias=${HOST_KEY_ALIAS}`,
    '-o',
    'CheckHostIP=no',
    '-o',
    'BatchMode=yes',
    '-o',
    'ConnectTimeout=30',
    '-o',
    'ServerAliveInterval=30',
    '-p',
    String(target.port),
    '-l',
    target.user,
    target.host,
    '-s',
    'sftp',
  ].join(' ');
}

/**
 * The environment a call adds for its target: only file paths, never a secret. restic's S3 client
 * reads its keys from the AWS credentials file this names (and would read AWS_* variables first: the
 * container is given none).
 */
export function targetEnv(target: BackupTarget): string[] {
  if (target.kind === 's3' && target.credentialsFile) {
    return [`AWS_SHARED_CREDENTIALS_FILE=${dataPath(safeRelative(target.credentialsFile))}`];
  }
  return [];
}

/** `copy` of the given snapshots from the local repository (mounted with the data directory, same password). */
export function copyArgs(from: BackupTarget, passwordFile: string, ids: readonly string[]): string[] {
  if (from.kind !== 'local') throw new RangeError(`copy from ${from.kind}`);
  const snapshotIds = ids.map((id) => {
    if (!/^[0-9a-f]{8,64}$/.test(id)) throw new RangeError(`bad snapshot id: ${id}`);
    return id;
  });
  return ['copy', '--from-repo', repositoryArg(from), '--from-password-file', passwordFile, ...snapshotIds];
}

/** The mounts a call needs: the data directory always, the target's directory, the volumes. */
export function resticMounts(
  data: EngineMountSpec,
  target: BackupTarget,
  volumes: ReadonlyArray<VolumeMountRef>,
): EngineMountSpec[] {
  const mounts: EngineMountSpec[] = [{ ...data, Target: DATA_MOUNT }];
  if (target.kind === 'directory') mounts.push({ Type: 'bind', Source: target.path, Target: TARGET_MOUNT });
  for (const { volume, readOnly, at } of volumes) {
    mounts.push({ Type: 'volume', Source: volume.name, Target: at ?? volumePath(volume), ReadOnly: readOnly });
  }
  return mounts;
}

/** A relative path of the data directory, refused if it could leave it. */
export function safeRelative(relativePath: string): string {
  const clean = relativePath.replace(/^\.?\/+/, '').replace(/\/+$/, '');
  if (clean === '' || clean.split('/').some((part) => part === '..' || part === '.' || part === '')) {
    throw new RangeError(`not a relative path inside the data directory: ${relativePath}`);
  }
  return clean;
}

/** A stdin file name: one path component, no separators. */
export function safeFilename(filename: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(filename)) throw new RangeError(`bad file name: ${filename}`);
  return filename;
}
