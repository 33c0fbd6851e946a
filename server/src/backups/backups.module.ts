import { Module } from '@nestjs/common';
import { JobKinds } from '../jobs/job-registry';
import { JobsModule } from '../jobs/jobs.module';
import { ServicesModule } from '../services/services.module';
import { SetupTokenRepository } from '../setup/setup-token.repository';
import { SetupModule } from '../setup/setup.module';
import { ApplianceImportRepository } from './appliance-import.repository';
import { BackupScheduleService } from './backup-schedule.service';
import { BackupsController } from './backups.controller';
import { BackupsService } from './backups.service';
import { RecoveryController } from './recovery.controller';
import { RecoveryService } from './recovery.service';
import { ResticRepository } from './restic.repository';
import { RestoreRequestService } from './restore-request.service';
import { RestoreRunner } from './restore.runner';

/**
 * Backups (appliance mode). Declares its job kinds with @JobKinds once their handlers exist (restores:
 * RestoreRunner; disaster recovery from the wizard: RecoveryController).
 */
@JobKinds('backupRestore')
@Module({
  imports: [SetupModule, JobsModule, ServicesModule],
  controllers: [BackupsController, RecoveryController],
  providers: [
    BackupsService,
    BackupScheduleService,
    ResticRepository,
    RestoreRunner,
    RestoreRequestService,
    RecoveryService,
    ApplianceImportRepository,
    SetupTokenRepository,
  ],
  exports: [ResticRepository],
})
export class BackupsModule {}
