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

  /** Copies the run to each target in turn; a failure is recorded on its target and the others go on. */
  async copyRun(
    runId: string,
    local: BackupTarget,
    targets: readonly StoredTarget[],
    onTarget: (index: number, target: StoredTarget) => void,
  ): Promise<TargetFailure[]> {
    if (targets.length === 0) return [];
    const ids = (await this.restic.snapshots(local, [tag('run', runId)])).map((s) => s.id);
    const failures: TargetFailure[] = [];
    for (const [index, stored] of targets.entries()) {
      onTarget(index, stored);
      try {
        // copy reports no progress: the watchdog bounds the whole copy (BACKUP_TARGET_TIMEOUT_SEC).
        await watched(this.config.backupTargetTimeoutSec, async (options) => {
          await this.restic.ensureRepository(stored.target);
          await this.restic.copy(stored.target, local, ids, options);
        });
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
