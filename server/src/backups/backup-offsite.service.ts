import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { JobFailure } from '../jobs/job-handler';
import { Clock } from '../platform/clock';
import { backupFailure } from './backup-failure';
import { BackupTargetRepository, type StoredTarget } from './backup-target.repository';
import { tag } from './backup.types';
import { ResticRepository } from './restic.repository';
import { watched } from './restic-watchdog';
import type { BackupTarget } from './restic.types';

/** A target's last error, as the "other places" card says it (a restic failure's key, off-site words). */
const TARGET_ERRORS: Readonly<Record<string, string>> = {
  backupNoRepository: 'targetNoRepository',
  backupWrongPassword: 'targetWrongPassword',
  backupLocked: 'targetLocked',
  backupDiskFull: 'targetDiskFull',
  backupTargetUnreachable: 'targetUnreachable',
  backupTimeout: 'targetTimeout',
};
export const targetErrorKey = (failure: JobFailure) => TARGET_ERRORS[failure.key] ?? 'targetFailed';

/** One target the run could not be copied to, and why. */
export interface TargetFailure {
  label: string;
  failure: JobFailure;
}

/**
 * The off-site half of a backup run. Once the run's snapshots are in the local repository, each
 * enabled target receives them with `restic copy` from the local repository, rather than by running
 * every part again against each target: the databases are dumped once (no second, different dump on
 * the other side), the services' volumes are read once, and a target that fails leaves the local
 * point whole. Both repositories share this server's backup password, so the copy needs no other key.
 */
@Injectable()
export class BackupOffsite {
  private readonly logger = new Logger('Backups');

  constructor(
    private readonly restic: ResticRepository,
    private readonly targets: BackupTargetRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The targets a run is copied to, in the order they were added. */
  enabled(): Promise<StoredTarget[]> {
    return this.targets.enabled();
  }

  /**
   * Copies the run to each target in turn, one snapshot at a time (restic's copy reports no progress:
   * `onCopied` tells how many of the run's snapshots each target holds so far, and each call has its
   * own watchdog, BACKUP_TARGET_TIMEOUT_SEC). A failure is recorded on its target and the others go on.
   */
  async copyRun(
    runId: string,
    local: BackupTarget,
    targets: readonly StoredTarget[],
    onCopied: (index: number, target: StoredTarget, done: number, total: number) => void,
  ): Promise<TargetFailure[]> {
    if (targets.length === 0) return [];
    const ids = (await this.restic.snapshots(local, [tag('run', runId)])).map((s) => s.id);
    const failures: TargetFailure[] = [];
    for (const [index, stored] of targets.entries()) {
      onCopied(index, stored, 0, ids.length);
      try {
        const timeout = this.config.backupTargetTimeoutSec;
        await watched(timeout, () => this.restic.ensureRepository(stored.target));
        for (const [done, id] of ids.entries()) {
          await watched(timeout, (options) => this.restic.copy(stored.target, local, [id], options));
          onCopied(index, stored, done + 1, ids.length);
        }
        await this.targets.recordCopy(stored.row.id, this.clock.now(), null);
      } catch (error) {
        const failure = backupFailure(error, undefined);
        this.logger.warn(`copy of run ${runId} to ${stored.row.location} failed: ${failure.message}`);
        await this.targets.recordCopy(stored.row.id, this.clock.now(), {
          key: targetErrorKey(failure),
          params: failure.params,
          detail: failure.detail ?? null,
        });
        failures.push({ label: stored.row.label, failure });
      }
    }
    return failures;
  }
}
