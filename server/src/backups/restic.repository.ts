import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import { resolveImage } from '../catalog/catalog';
import { TOOL_IMAGES } from '../catalog/tools.catalog';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { EngineRepository } from '../engine/engine.repository';
import { ToolRunAbortedError } from '../engine/engine.tool-run';
import { LABELS, type EngineMountSpec } from '../engine/engine.types';
import { DataDirRepository } from '../platform/data-dir.repository';
import { mountOf } from '../self-update/self-update.replica';
import { InstallationRepository } from '../setup/installation.repository';
import type { RetentionPolicy } from './backup.types';
import { pointsOf, runOf, runsToKeep } from './backup-retention';
import {
  DATA_MOUNT,
  RESTIC_HOST,
  RESTORE_MOUNT,
  SCRATCH,
  capabilitiesFor,
  dataPath,
  isRemote,
  copyArgs,
  resticMounts,
  safeFilename,
  safeRelative,
  stdinPath,
  targetEnv,
  volumePath,
} from './restic.container';
import { commandOf, LineCapture, memoized, type Call } from './restic.call';
import {
  classifyFailure,
  failureDetail,
  keyChange,
  onlyVolumePath,
  parseKeys,
  parseResticLine,
  parseSnapshots,
} from './restic.output';
import {
  ResticError,
  type BackupTarget,
  type ResticBackupSummary,
  type ResticPort,
  type ResticRunOptions,
  type ResticSnapshot,
  type VolumeRef,
} from './restic.types';

/** The tool label's value on restic's containers (see EngineRepository.listTools). */
export const RESTIC_TOOL = 'restic';
/** Before setup there is no appliance id yet (disaster recovery runs restic from the wizard). */
const NO_APPLIANCE = 'setup';
/**
 * ResticPort over sibling containers of the catalog's restic image: each call is one `restic --json`
 * run to completion, with the data directory mounted (the repository, the password file), the target
 * and the volumes it needs, and nothing else. The password is a file, never in the environment.
 */
@Injectable()
export class ResticRepository implements ResticPort {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly engine: EngineRepository,
    private readonly files: DataDirRepository,
    @Inject(InstallationRepository) private readonly installation: Pick<InstallationRepository, 'get'>,
  ) {}

  async ensureRepository(target: BackupTarget): Promise<void> {
    if (!this.files.exists(this.files.backupPasswordFile)) {
      // First backup: a new password (the recovery key is added apart, as a second key).
      this.files.writeAtomic(this.files.backupPasswordFile, randomBytes(32).toString('base64url'));
    }
    if (target.kind === 'local') this.files.ensureDir(this.files.backupsDir);
    try {
      await this.restic(target, { args: ['cat', 'config'] });
    } catch (error) {
      if (!(error instanceof ResticError) || error.reason !== 'noRepository') throw error;
      await this.restic(target, { args: ['init'] });
    }
  }

  backupVolume(target: BackupTarget, volume: VolumeRef, tags: string[], options: ResticRunOptions = {}) {
    const root = volumePath(volume);
    const exclude = (volume.exclude ?? []).flatMap((path) => ['--exclude', `${root}/${safeRelative(path)}`]);
    return this.backup(target, [...exclude, root], tags, options, {
      access: 'readAny',
      volumes: [{ volume, readOnly: true }],
    });
  }

  backupStdin(target: BackupTarget, filename: string, input: Readable, tags: string[], options: ResticRunOptions = {}) {
    const args = ['--stdin', '--stdin-filename', safeFilename(filename)];
    return this.backup(target, args, tags, options, { stdin: input });
  }

  backupDataPath(target: BackupTarget, relativePath: string, tags: string[], options: ResticRunOptions = {}) {
    return this.backup(target, [dataPath(safeRelative(relativePath))], tags, options, { access: 'readAny' });
  }

  async snapshots(target: BackupTarget, tags: string[] = []): Promise<ResticSnapshot[]> {
    const filter = tags.length > 0 ? ['--tag', tags.join(',')] : [];
    // Without a lock: a listing (the dashboard's) must not fail while a prune holds the exclusive one.
    return parseSnapshots(await this.restic(target, { args: ['--no-lock', 'snapshots', ...filter] }));
  }

  async removeSnapshots(target: BackupTarget, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.restic(target, { args: ['forget', '--prune', ...ids] });
  }

  async forget(target: BackupTarget, policy: RetentionPolicy, options: ResticRunOptions = {}): Promise<string[]> {
    const all = await this.snapshots(target);
    const keep = runsToKeep(pointsOf(all), policy);
    const forgotten = all.filter((s) => runOf(s) !== undefined && !keep.has(runOf(s) ?? ''));
    if (forgotten.length > 0) {
      await this.restic(target, { args: ['forget', '--prune', ...forgotten.map((s) => s.id)], signal: options.signal });
    }
    const gone = new Set(forgotten.map((s) => s.id));
    return all.filter((s) => !gone.has(s.id)).map((s) => s.id);
  }

  async copy(target: BackupTarget, from: BackupTarget, ids: string[], options: ResticRunOptions = {}) {
    await this.restic(target, {
      args: copyArgs(from, this.inside(this.files.backupPasswordFile), ids),
      signal: options.signal,
    });
  }

  async check(target: BackupTarget, subset: string, options: ResticRunOptions = {}): Promise<void> {
    if (!/^(\d+\/\d+|\d+(\.\d+)?%)$/.test(subset)) throw new RangeError(`bad read-data subset: ${subset}`);
    await this.restic(target, { args: ['check', `--read-data-subset=${subset}`], signal: options.signal });
  }

  /**
   * Empties the volume (everything under its root; the root itself stays), then restores the
   * snapshot into it with owners, modes and times, the volume's root included. restic 0.14 restores a
   * snapshot only whole, under a target: the volume is mounted where the snapshot's one path lands
   * under a scratch target, so a snapshot of another volume name (another appliance id) restores too.
   */
  async restoreVolume(target: BackupTarget, snapshotId: string, volume: VolumeRef, options: ResticRunOptions = {}) {
    const path = await this.onlyPath(target, snapshotId);
    const signal = options.signal;
    await this.restic(target, {
      args: [volumePath(volume), '-mindepth', '1', '-delete'],
      entrypoint: ['find'],
      access: 'writeAny',
      volumes: [{ volume, readOnly: false }],
      signal,
    });
    await this.restic(target, {
      args: ['restore', snapshotId, '--target', RESTORE_MOUNT],
      access: 'writeAny',
      volumes: [{ volume, readOnly: false, at: `${RESTORE_MOUNT}${path}` }],
      tmpfs: [RESTORE_MOUNT],
      signal,
    });
  }

  async dump(
    target: BackupTarget,
    snapshotId: string,
    filename: string,
    output: Writable,
    options: ResticRunOptions = {},
  ) {
    const args = ['dump', snapshotId, stdinPath(safeFilename(filename))];
    await this.restic(target, { args, stdout: output, signal: options.signal });
    output.end();
  }

  /**
   * Restores a data-directory snapshot under `relativeDir`, its paths kept as stored: a snapshot of
   * `backups/staging` lands in `<relativeDir>/data/backups/staging` (see restoredDataPath).
   */
  async restoreDataPath(target: BackupTarget, snapshotId: string, relativeDir: string, options: ResticRunOptions = {}) {
    const into = dataPath(safeRelative(relativeDir));
    await this.restic(target, {
      args: ['restore', snapshotId, '--target', into],
      access: 'writeAny',
      signal: options.signal,
    });
  }

  /** Removes every lock, stale or not: only while no restic of ours runs (callers hold the `data` lock). */
  async unlock(target: BackupTarget): Promise<void> {
    await this.restic(target, { args: ['unlock', '--remove-all'] });
  }

  async addKey(target: BackupTarget, newPassword: string, replacing?: string): Promise<string> {
    const keys = async () => parseKeys(await this.restic(target, { args: ['key', 'list'] }));
    const before = await keys();
    const file = `${this.files.secretsDir}/.new-key-${randomBytes(6).toString('hex')}`;
    this.files.writeAtomic(file, newPassword);
    try {
      await this.restic(target, { args: ['key', 'add', '--new-password-file', this.inside(file)] });
    } finally {
      this.files.remove(file);
    }
    const { added, stale } = keyChange(before, await keys(), replacing);
    if (stale) await this.restic(target, { args: ['key', 'remove', stale] });
    return added;
  }

  /** The ids of restic containers this appliance left (a killed manager's); for the boot clean-up. */
  async leftovers(): Promise<string[]> {
    return this.engine.listTools(await this.applianceId(), RESTIC_TOOL);
  }

  private async backup(
    target: BackupTarget,
    args: readonly string[],
    tags: readonly string[],
    options: ResticRunOptions,
    call: Pick<Call, 'access' | 'volumes' | 'stdin'>,
  ): Promise<ResticBackupSummary> {
    let summary: ResticBackupSummary | undefined;
    const onLine = (line: string) => {
      const message = parseResticLine(line);
      if (message.type === 'status') options.onStatus?.(message.status);
      if (message.type === 'summary') summary = message.summary;
    };
    const tagArgs = tags.flatMap((t) => ['--tag', t]);
    const all = ['backup', '--host', RESTIC_HOST, ...tagArgs, ...args];
    await this.restic(target, { ...call, args: all, onLine, signal: options.signal });
    if (!summary?.snapshotId) throw new ResticError('failed', 'restic backup reported no snapshot');
    return summary;
  }

  /** A snapshot made by backupVolume has one path, `/volumes/<name>` of the volume it was taken from. */
  private async onlyPath(target: BackupTarget, snapshotId: string): Promise<string> {
    return onlyVolumePath(parseSnapshots(await this.restic(target, { args: ['snapshots', snapshotId] })), snapshotId);
  }

  /** One restic run (the export's too); stdout returned unless streamed out; failures as ResticError. */
  async restic(target: BackupTarget, call: Call): Promise<string> {
    if (!this.files.exists(this.files.backupPasswordFile)) {
      throw new ResticError('noRepository', 'no backup password yet: no backup was ever made here');
    }
    const capture = new LineCapture(call.onLine);
    const errors = new LineCapture();
    const password = this.inside(call.passwordFile ?? this.files.backupPasswordFile);
    let code: number;
    try {
      code = await this.engine.runToCompletion(
        {
          applianceId: await this.applianceId(),
          name: `tl-restic-${randomBytes(6).toString('hex')}`,
          image: await this.image(),
          cmd: commandOf(target, call),
          entrypoint: call.entrypoint,
          env: [`RESTIC_PASSWORD_FILE=${password}`, `TMPDIR=${SCRATCH}`, `HOME=${SCRATCH}`, ...targetEnv(target)],
          labels: { [LABELS.tool]: RESTIC_TOOL },
          mounts: resticMounts(await this.data(), target, call.volumes ?? []),
          network: isRemote(target) ? 'bridge' : 'none',
          extraHosts: isRemote(target) ? ['host.docker.internal:host-gateway'] : [],
          capAdd: capabilitiesFor(call.access ?? 'repository', process.getuid?.() === 0),
          tmpfs: [SCRATCH, ...(call.tmpfs ?? [])],
        },
        { stdin: call.stdin, stdout: call.stdout ?? capture, stderr: errors, signal: call.signal },
      );
    } catch (error) {
      if (error instanceof ToolRunAbortedError) throw new ResticError('timeout', error.message);
      throw new ResticError('failed', error instanceof Error ? error.message : String(error));
    } finally {
      capture.end();
      errors.end();
    }
    if (code !== 0) {
      throw new ResticError(classifyFailure(errors.text), failureDetail(errors.text, code));
    }
    return capture.text;
  }

  /** A file of the data directory, as restic's container sees it. */
  private inside(file: string): string {
    return dataPath(file.slice(this.files.root.length + 1));
  }

  private async applianceId(): Promise<string> {
    return (await this.installation.get())?.applianceId ?? NO_APPLIANCE;
  }

  /** The catalog's restic image (or its override), pulled the first time it is missing. */
  private readonly image = memoized(async () => {
    const ref = resolveImage({ image: TOOL_IMAGES.restic }, this.config.imageOverrides);
    if (!(await this.engine.imageExists(ref))) await this.engine.pullImage(ref);
    return ref;
  });

  /** The data directory as restic's container gets it: a bind of the host path, or the manager's own mount. */
  private readonly data = memoized(async (): Promise<EngineMountSpec> => {
    if (!this.config.inContainer) return { Type: 'bind', Source: this.files.root, Target: DATA_MOUNT };
    const self = await this.engine.inspectContainer(hostname());
    if (!self) throw new ResticError('failed', `this manager's container (${hostname()}) cannot be found`);
    return mountOf(self, this.config.dataDir, 'the data directory');
  });
}
