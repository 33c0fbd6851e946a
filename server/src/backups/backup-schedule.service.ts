import { Injectable } from '@nestjs/common';
import { DEFAULT_SCHEDULE, type BackupSchedule } from './backup.types';

/** The nightly schedule and retention policy. (Contract stub: being built.) */
@Injectable()
export class BackupScheduleService {
  get(): Promise<BackupSchedule> {
    return Promise.resolve(DEFAULT_SCHEDULE);
  }

  set(schedule: BackupSchedule): Promise<BackupSchedule> {
    return Promise.resolve(schedule);
  }
}
