import { Module } from '@nestjs/common';
import { JobKinds } from '../jobs/job-registry';
import { JOB_KIND_GROUPS } from '../jobs/job.types';
import { JobsModule } from '../jobs/jobs.module';
import { ServicesModule } from '../services/services.module';
import { SetupTokenRepository } from '../setup/setup-token.repository';
import { SetupModule } from '../setup/setup.module';
import { ApplianceImportRepository } from './appliance-import.repository';
import { PENDING_BACKUP_HANDLERS } from './backup-pending.handlers';
import { BackupRecoveryService } from './backup-recovery.service';
import { BackupRunRepository } from './backup-run.repository';
import { BackupScheduleService } from './backup-schedule.service';
import { BackupRunner } from './backup.runner';
import { BackupsController } from './backups.controller';
import { BackupsService } from './backups.service';
import { RecoveryController } from './recovery.controller';
import { RecoveryKeyService } from './recovery-key.service';
import { RecoveryService } from './recovery.service';
import { ResticRepository } from './restic.repository';
import { RestoreRequestService } from './restore-request.service';
import { RestoreRunner } from './restore.runner';

/**
 * Backups (appliance mode): restic runs, their records, the overview; one handler per backups job kind
 * (restores: RestoreRunner). Disaster recovery from the setup wizard: RecoveryController.
 */
@JobKinds(...JOB_KIND_GROUPS.backups)
@Module({
  imports: [SetupModule, JobsModule, ServicesModule],
  controllers: [BackupsController, RecoveryController],
  providers: [
    BackupsService,
    BackupScheduleService,
    ResticRepository,
    BackupRunRepository,
    BackupRunner,
    BackupRecoveryService,
    ...PENDING_BACKUP_HANDLERS,
    RestoreRunner,
    RestoreRequestService,
    RecoveryService,
    RecoveryKeyService,
    ApplianceImportRepository,
    SetupTokenRepository,
  ],
  exports: [ResticRepository, BackupRunRepository],
})
export class BackupsModule {}
