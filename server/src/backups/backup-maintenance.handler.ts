import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { HandlesJobs, JobFailure, type JobContext, type JobHandler, type JobOutcome } from '../jobs/job-handler';
import { LockService } from '../locks/lock.service';
import { AdminNoticeService } from '../notices/admin-notice.service';
import { Clock } from '../platform/clock';
import { planPercent, type JobStage, type JobStageParams } from '../jobs/job-progress';
import { checkSubset } from './backup-calendar';
import { forgetPlan } from './backup-target-location';
import { BackupTargetRepository, type StoredTarget } from './backup-target.repository';
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
 * `backupCheck` (re-read one slice of the stored data), on the local repository, then on each enabled
 * off-site target (its own retention; none at all where it keeps everything). Both under the `data` lock, after clearing
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
    private readonly targets: BackupTargetRepository,
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
    const { forget, keepAll } = forgetPlan(await this.targets.enabled());
    job.progress({ stage: 'backupForget', params: {}, percent: 20 });
    const kept = await watched(this.config.backupTargetTimeoutSec, (options) =>
      this.restic.forget(this.target, retention, options),
    );
    // Each other place with its own policy; one that keeps everything (append-only) is never asked.
    await this.eachTarget(
      job,
      forget.map((f) => f.target),
      'backupForgetTarget',
      {},
      'backupTargetForgetFailed',
      async (stored) => {
        await this.staleLocks.clear(stored.target, `job:${job.jobId}`);
        const policy = forget.find((f) => f.target === stored)!.policy;
        await watched(this.config.backupTargetTimeoutSec, (options) =>
          this.restic.forget(stored.target, policy, options),
        );
      },
    );
    return { kind: 'done', result: 'backupForgotten', params: { kept: kept.length, keptAll: keepAll.length } };
  }

  /**
   * One restic operation on each target in turn (after the local repository's), each at its own stage;
   * a failing target does not stop the others, and the job then fails naming the targets that did.
   */
  private async eachTarget(
    job: JobContext,
    targets: readonly StoredTarget[],
    stage: JobStage,
    params: JobStageParams,
    failKey: string,
    operation: (stored: StoredTarget) => Promise<void>,
  ): Promise<void> {
    const failed: string[] = [];
    for (const [index, stored] of targets.entries()) {
      const percent = planPercent(index + 1, targets.length + 1, 0, 20, 100);
      job.progress({ stage, params: { ...params, target: stored.row.label }, percent });
      try {
        await operation(stored);
      } catch (err) {
        failed.push(`${stored.row.label}: ${maintenanceFailure(err, failKey).message}`);
      }
    }
    if (failed.length > 0) {
      const labels = failed.map((f) => f.slice(0, f.indexOf(': ')));
      throw new JobFailure(failKey, { targets: labels.join(', '), count: failed.length }, failed.join('\n'));
    }
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
    await this.eachTarget(
      job,
      await this.targets.enabled(),
      'backupCheckTarget',
      { subset },
      'backupTargetCheckFailed',
      async (stored) => {
        await this.staleLocks.clear(stored.target, `job:${job.jobId}`);
        await watched(this.config.backupTargetTimeoutSec, (options) =>
          this.restic.check(stored.target, subset, options),
        );
      },
    );
    return { kind: 'done', result: 'backupChecked', params: { subset } };
  }
}
