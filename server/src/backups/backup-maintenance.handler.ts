import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { HandlesJobs, JobFailure, type JobContext, type JobHandler, type JobOutcome } from '../jobs/job-handler';
import { LockService } from '../locks/lock.service';
import { AdminNoticeService } from '../notices/admin-notice.service';
import { Clock } from '../platform/clock';
import { checkSubset } from './backup-calendar';
import { RESTIC_FAILURE_KEYS } from './backup-failure';
import { BackupScheduleService } from './backup-schedule.service';
import { BackupSettingsRepository } from './backup-settings.repository';
import { BackupStaleLocks } from './backup-stale-locks.service';
import { BACKUP_TARGET, RESTIC_PORT } from './backup.tokens';
import { watched } from './restic-watchdog';
import { ResticError, type BackupTarget, type ResticFailure, type ResticPort } from './restic.types';

/** restic failures a retention or check shares with backups (see RESTIC_FAILURE_KEYS); the rest is `key`. */
const SHARED_FAILURES = new Set<ResticFailure>(['noRepository', 'wrongPassword', 'locked']);

/** What a person reads of a failed retention or check: the target's silence, a shared reason, or `key`. */
export function maintenanceFailure(err: unknown, key: string): JobFailure {
  if (err instanceof JobFailure) return err;
  if (err instanceof ResticError && SHARED_FAILURES.has(err.reason)) {
    return new JobFailure(RESTIC_FAILURE_KEYS[err.reason], {}, err.detail);
  }
  return new JobFailure(key, {}, err instanceof ResticError ? `${err.reason}: ${err.detail}` : String(err));
}

/**
 * `backupForget` (retention: forget and prune the backup points the policy does not keep) and
 * `backupCheck` (re-read one slice of the stored data). Both under the `data` lock, after clearing
 * stale restic locks, every restic call watched for a hung target.
 */
@Injectable()
@HandlesJobs('backupForget', 'backupCheck')
export class BackupMaintenanceHandler implements JobHandler {
  constructor(
    @Inject(RESTIC_PORT) private readonly restic: ResticPort,
    @Inject(BACKUP_TARGET) private readonly target: BackupTarget,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly locks: LockService,
    private readonly staleLocks: BackupStaleLocks,
    private readonly schedule: BackupScheduleService,
    private readonly settings: BackupSettingsRepository,
    private readonly clock: Clock,
    private readonly notices: AdminNoticeService,
  ) {}

  run(job: JobContext): Promise<JobOutcome> {
    const holder = `job:${job.jobId}`;
    const failKey = job.kind === 'backupForget' ? 'backupForgetFailed' : 'backupCheckFailed';
    return this.locks.run('data', holder, async () => {
      try {
        job.progress({ stage: 'backupUnlock', params: {}, percent: 5 });
        await this.staleLocks.clear(this.target, holder);
        return job.kind === 'backupForget' ? await this.forget(job) : await this.check(job);
      } catch (err) {
        const failure = maintenanceFailure(err, failKey);
        // Told in the admin room in the background: never delays nor changes the job's outcome.
        const operation = job.kind === 'backupForget' ? 'backupForget' : 'backupCheck';
        this.notices.tell({ operation, key: failure.key, params: failure.params, at: this.clock.now() });
        throw failure;
      }
    });
  }

  private async forget(job: JobContext): Promise<JobOutcome> {
    const { retention } = await this.schedule.get();
    job.progress({ stage: 'backupForget', params: {}, percent: 20 });
    const kept = await watched(this.config.backupTargetTimeoutSec, (options) =>
      this.restic.forget(this.target, retention, options),
    );
    return { kind: 'done', result: 'backupForgotten', params: { kept: kept.length } };
  }

  private async check(job: JobContext): Promise<JobOutcome> {
    const schedule = await this.schedule.get();
    const subset = checkSubset(this.clock.now(), schedule.days, this.schedule.timeZone);
    job.progress({ stage: 'backupCheck', params: { subset }, percent: 20 });
    const record = (error: string | null) =>
      this.settings.saveCheck({ at: this.clock.now(), subset, jobId: job.jobId, error }, schedule);
    try {
      await watched(this.config.backupTargetTimeoutSec, (options) => this.restic.check(this.target, subset, options));
    } catch (err) {
      const failure = maintenanceFailure(err, 'backupCheckFailed');
      await record(failure.key);
      throw failure;
    }
    await record(null);
    return { kind: 'done', result: 'backupChecked', params: { subset } };
  }
}
