import { Module } from '@nestjs/common';
import { JobKinds } from '../jobs/job-registry';
import { JobsModule } from '../jobs/jobs.module';
import { SetupModule } from '../setup/setup.module';
import { BackupMaintenanceHandler } from './backup-maintenance.handler';
import { BackupMaintenanceService } from './backup-maintenance.service';
import { BackupScheduleService } from './backup-schedule.service';
import { BackupSettingsRepository } from './backup-settings.repository';
import { BackupStaleLocks } from './backup-stale-locks.service';
import { BACKUP_TARGET, RESTIC_PORT } from './backup.tokens';
import { BackupsController } from './backups.controller';
import { BackupsService } from './backups.service';
import { ResticRepository } from './restic.repository';
import type { BackupTarget } from './restic.types';

/** Backups (appliance mode). Declares its job kinds as their handlers land (the whole group once all do). */
@JobKinds('backupForget', 'backupCheck')
@Module({
  imports: [SetupModule, JobsModule],
  controllers: [BackupsController],
  providers: [
    BackupsService,
    BackupScheduleService,
    ResticRepository,
    BackupSettingsRepository,
    BackupMaintenanceService,
    BackupMaintenanceHandler,
    BackupStaleLocks,
    { provide: RESTIC_PORT, useExisting: ResticRepository },
    { provide: BACKUP_TARGET, useValue: { kind: 'local' } satisfies BackupTarget },
  ],
  exports: [ResticRepository],
})
export class BackupsModule {}
