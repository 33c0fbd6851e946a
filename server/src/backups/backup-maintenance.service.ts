import { Injectable } from '@nestjs/common';
import type { JobAcceptedDto } from '../jobs/dto/job.dto';
import { JobsService } from '../jobs/jobs.service';
import { BACKUP_TARGET_JOB } from './backup.types';
import { BackupSettingsRepository, type CheckRecord } from './backup-settings.repository';

/** The last integrity check, as the overview can show it. */
export interface LastCheckView {
  at: string;
  subset: string;
  jobId: string;
  ok: boolean;
}

/** Queues retention and integrity checks (one backup operation at a time: target `backups`). */
@Injectable()
export class BackupMaintenanceService {
  constructor(
    private readonly jobs: JobsService,
    private readonly settings: BackupSettingsRepository,
  ) {}

  /** POST /api/backups/check: 409 while another backup operation is under way. */
  async queueCheck(): Promise<JobAcceptedDto> {
    const job = await this.jobs.create('backupCheck', BACKUP_TARGET_JOB);
    return { jobId: job.id };
  }

  async queueForget(): Promise<JobAcceptedDto> {
    const job = await this.jobs.create('backupForget', BACKUP_TARGET_JOB);
    return { jobId: job.id };
  }

  /** The last check that ended (passed or not); null before the first. */
  async lastCheck(): Promise<LastCheckView | null> {
    const check: CheckRecord | undefined = await this.settings.lastCheck();
    if (!check) return null;
    return { at: check.at.toISOString(), subset: check.subset, jobId: check.jobId, ok: check.error === null };
  }
}
