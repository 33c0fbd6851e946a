import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { last } from 'rxjs';
import { JobTriggers, type TriggerEntry } from '../jobs/job-triggers';
import type { JobState } from '../jobs/job.types';
import { JobsService } from '../jobs/jobs.service';
import { Clock } from '../platform/clock';
import { InstallationRepository } from '../setup/installation.repository';
import { BACKUP_TARGET_JOB, DEFAULT_SCHEDULE, type BackupSchedule } from './backup.types';
import { cronOf, nextRunAt, serverTimeZone } from './backup-calendar';
import { BackupMaintenanceService } from './backup-maintenance.service';
import { BackupSettingsRepository } from './backup-settings.repository';

/** The repeatable trigger's name (its Bull job id: no ':'). */
export const BACKUP_TRIGGER = 'backupSchedule';

/**
 * The nightly schedule and the retention policy, stored in SQLite; Bull's repeatable entry (in Redis,
 * so it survives restarts) is made to match the stored schedule at boot and on every change. A firing
 * queues a backup, then after a successful one the retention, then an integrity check of one slice.
 */
@Injectable()
export class BackupScheduleService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Backups');
  /** The server's time zone, read once: the schedule's HH:MM is read in it. */
  readonly timeZone = serverTimeZone();

  constructor(
    private readonly settings: BackupSettingsRepository,
    private readonly triggers: JobTriggers,
    private readonly jobs: JobsService,
    private readonly maintenance: BackupMaintenanceService,
    private readonly clock: Clock,
    @Inject(InstallationRepository) private readonly installation: Pick<InstallationRepository, 'get'>,
  ) {
    // Registered before the queue can hand a firing over.
    this.triggers.on(BACKUP_TRIGGER, () => this.fire());
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.syncRepeat(await this.get());
  }

  async get(): Promise<BackupSchedule> {
    return (await this.settings.schedule()) ?? DEFAULT_SCHEDULE;
  }

  async set(schedule: BackupSchedule): Promise<BackupSchedule> {
    const days = [...new Set(schedule.days)];
    const { daily, weekly, monthly } = schedule.retention;
    await this.settings.saveSchedule({ ...schedule, days, retention: { daily, weekly, monthly } });
    const saved = await this.get();
    await this.syncRepeat(saved);
    return saved;
  }

  /** For the overview (GET /api/backups): the next scheduled run, ISO 8601; null when disabled. */
  async nextRunAt(): Promise<string | null> {
    return nextRunAt(await this.get(), this.clock.now(), this.timeZone)?.toISOString() ?? null;
  }

  /** The queue's repeatable entries for the schedule (exactly one when enabled, none otherwise). */
  repeatEntries(): Promise<TriggerEntry[]> {
    return this.triggers.entries(BACKUP_TRIGGER);
  }

  private async syncRepeat(schedule: BackupSchedule): Promise<void> {
    const repeat = schedule.enabled ? { cron: cronOf(schedule), tz: this.timeZone } : null;
    await this.triggers.sync(BACKUP_TRIGGER, repeat);
    this.logger.log(repeat ? `Backups scheduled: ${repeat.cron} (${repeat.tz})` : 'Scheduled backups are turned off');
  }

  /** A firing: backup, then retention after a success, then a check; each waits for the one before. */
  private async fire(): Promise<void> {
    // A firing queued before the schedule was turned off (or a leftover): nothing to do. Before the
    // setup is finished there is nothing to back up yet.
    if (!(await this.get()).enabled || !(await this.installation.get())) return;
    const backup = await this.queue(() => this.jobs.create('backup', BACKUP_TARGET_JOB).then((j) => j.id));
    if (!backup) return;
    this.after(backup, async (state) => {
      if (state !== 'succeeded') return;
      const forget = await this.queue(() => this.maintenance.queueForget().then((j) => j.jobId));
      if (forget) this.after(forget, () => this.queue(() => this.maintenance.queueCheck().then((j) => j.jobId)));
    });
  }

  /** Queues a job; another backup operation under way (409) skips this firing's step, said in the log. */
  private async queue(create: () => Promise<string>): Promise<string | undefined> {
    try {
      return await create();
    } catch (err) {
      this.logger.warn(`Scheduled backup step not queued: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  /**
   * Runs `then` once the job ends (without blocking the queue, which runs one job at a time). Held in
   * memory: a restart in between skips the rest of this night's chain; the next firing does it all.
   */
  private after(jobId: string, then: (state: JobState) => Promise<unknown>): void {
    void this.jobs
      .follow(jobId)
      .then((updates) =>
        updates.pipe(last()).subscribe((job) => {
          then(job.state).catch((err: unknown) => this.logger.warn(`Scheduled backup chain: ${String(err)}`));
        }),
      )
      .catch((err: unknown) => this.logger.warn(`Scheduled backup chain: ${String(err)}`));
  }
}
