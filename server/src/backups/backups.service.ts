import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { ApiException } from '../common/api-error';
import type { JobAcceptedDto } from '../jobs/dto/job.dto';
import { JobRepository } from '../jobs/job.repository';
import { JobsService } from '../jobs/jobs.service';
import { Clock } from '../platform/clock';
import { DataDirRepository } from '../platform/data-dir.repository';
import { InstallationRepository } from '../setup/installation.repository';
import { backupPoints, isOverdue } from './backup-overview';
import { BackupRunRepository, runView } from './backup-run.repository';
import { refuseWhileBackupsBusy } from './backups-busy';
import { BACKUP_TARGET_JOB, type BackupPointView } from './backup.types';
import { LOCAL_TARGET } from './backup.runner';
import type { BackupOverviewDto, BackupScope } from './dto/backup.dto';
import { RecoveryKeyService } from './recovery-key.service';
import { ResticRepository } from './restic.repository';
import { BackupScheduleService } from './backup-schedule.service';
import { ResticError } from './restic.types';

/** Lists backup points and runs, and queues backups, restores and checks. */
@Injectable()
export class BackupsService {
  private readonly logger = new Logger('Backups');

  constructor(
    private readonly jobs: JobsService,
    private readonly jobRows: JobRepository,
    private readonly runs: BackupRunRepository,
    private readonly restic: ResticRepository,
    private readonly installation: InstallationRepository,
    private readonly files: DataDirRepository,
    private readonly clock: Clock,
    private readonly schedule: BackupScheduleService,
    private readonly recoveryKeys: RecoveryKeyService,
  ) {}

  /** The runs from our table; the points from restic's snapshots, grouped by run (nextRunAt: the schedule's). */
  async overview(): Promise<BackupOverviewDto> {
    const [recent, last, byId, installation, nextRunAt] = await Promise.all([
      this.runs.recent(),
      this.runs.lastSuccess(),
      this.runs.byId(),
      this.installation.get(),
      this.schedule.nextRunAt(),
    ]);
    const snapshots = await this.points(byId);
    const lastSuccessAt = last?.finishedAt ?? null;
    return {
      lastSuccessAt: lastSuccessAt ? lastSuccessAt.toISOString() : null,
      nextRunAt,
      overdue: isOverdue(lastSuccessAt, installation?.completedAt ?? null, this.clock.now()),
      snapshots,
      runs: recent.map(runView),
      recoveryKeyAt: this.recoveryKeys.madeAt(),
    };
  }

  async backUp(services: readonly BackupScope[] | undefined): Promise<JobAcceptedDto> {
    if (!(await this.installation.get())) throw new ApiException(HttpStatus.CONFLICT, 'Finish the setup first.');
    await refuseWhileBackupsBusy(this.jobRows);
    const { id: jobId } = await this.jobs.create('backup', BACKUP_TARGET_JOB, services ? { services } : {});
    return { jobId };
  }

  /** Before the first backup there is no repository: no points, not an error. */
  private async points(byId: Parameters<typeof backupPoints>[1]): Promise<BackupPointView[]> {
    if (!this.files.exists(this.files.backupPasswordFile)) return [];
    try {
      return backupPoints(await this.restic.snapshots(LOCAL_TARGET), byId);
    } catch (error) {
      if (error instanceof ResticError && error.reason === 'noRepository') return [];
      this.logger.warn(`could not list the backup points: ${String(error)}`);
      throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, 'The backup repository cannot be read right now.');
    }
  }
}
