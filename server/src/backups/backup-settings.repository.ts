import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WEEKDAYS, type BackupSchedule, type Weekday } from './backup.types';
import { BackupSettingsEntity } from './backup-settings.entity';

const ROW = 1;

/** The last integrity check that ended (the overview shows it). */
export interface CheckRecord {
  at: Date;
  subset: string;
  jobId: string;
  /** The job's error key; null when the check passed. */
  error: string | null;
}

/** The stored schedule, retention and last check (TypeORM); one row. */
@Injectable()
export class BackupSettingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get table() {
    return this.dataSource.getRepository(BackupSettingsEntity);
  }

  /** The saved schedule; undefined until one was saved. */
  async schedule(): Promise<BackupSchedule | undefined> {
    const row = await this.table.findOneBy({ id: ROW });
    if (!row) return undefined;
    const saved = row.days.split(',');
    return {
      enabled: row.enabled,
      time: row.time,
      // In the week's order whatever order was saved; an unknown name (a hand edit) is dropped.
      days: WEEKDAYS.filter((d: Weekday) => saved.includes(d)),
      retention: { daily: row.keepDaily, weekly: row.keepWeekly, monthly: row.keepMonthly },
    };
  }

  async saveSchedule(schedule: BackupSchedule): Promise<void> {
    await this.table.upsert(
      {
        id: ROW,
        enabled: schedule.enabled,
        time: schedule.time,
        days: schedule.days.join(','),
        keepDaily: schedule.retention.daily,
        keepWeekly: schedule.retention.weekly,
        keepMonthly: schedule.retention.monthly,
      },
      ['id'],
    );
  }

  async lastCheck(): Promise<CheckRecord | undefined> {
    const row = await this.table.findOneBy({ id: ROW });
    if (!row?.checkedAt || !row.checkSubset || !row.checkJobId) return undefined;
    return { at: row.checkedAt, subset: row.checkSubset, jobId: row.checkJobId, error: row.checkError };
  }

  /** Records a check; before any schedule was saved, with the schedule given (the defaults). */
  async saveCheck(check: CheckRecord, schedule: BackupSchedule): Promise<void> {
    if (!(await this.table.existsBy({ id: ROW }))) await this.saveSchedule(schedule);
    await this.table.update(
      { id: ROW },
      { checkedAt: check.at, checkSubset: check.subset, checkJobId: check.jobId, checkError: check.error },
    );
  }
}
