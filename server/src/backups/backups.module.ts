import { Module } from '@nestjs/common';
import { JobKinds } from '../jobs/job-registry';
import { JobsModule } from '../jobs/jobs.module';
import { BackupMaintenanceHandler } from './backup-maintenance.handler';
import { BackupMaintenanceService } from './backup-maintenance.service';
import { BackupScheduleService } from './backup-schedule.service';
import { BackupSettingsRepository } from './backup-settings.repository';
import { BackupStaleLocks } from './backup-stale-locks.service';
import { BACKUP_TARGET, RESTIC_PORT } from './backup.tokens';
import { BackupsController } from './backups.controller';
import { BackupsService } from './backups.service';
import { ResticError, type BackupTarget, type ResticPort } from './restic.types';

/** Until the restic repository lands (bk-core): every call fails clearly. */
const notYet = () => Promise.reject(new ResticError('failed', 'restic is not available in this build yet'));
const resticNotYet: ResticPort = {
  ensureRepository: notYet,
  backupVolume: notYet,
  backupStdin: notYet,
  backupDataPath: notYet,
  snapshots: notYet,
  removeSnapshots: notYet,
  forget: notYet,
  check: notYet,
  restoreVolume: notYet,
  dump: notYet,
  restoreDataPath: notYet,
  unlock: notYet,
  addKey: notYet,
};

/** Backups (appliance mode). Declares its job kinds as their handlers land (the whole group once all do). */
@JobKinds('backupForget', 'backupCheck')
@Module({
  imports: [JobsModule],
  controllers: [BackupsController],
  providers: [
    BackupsService,
    BackupScheduleService,
    BackupSettingsRepository,
    BackupMaintenanceService,
    BackupMaintenanceHandler,
    BackupStaleLocks,
    { provide: RESTIC_PORT, useValue: resticNotYet },
    { provide: BACKUP_TARGET, useValue: { kind: 'local' } satisfies BackupTarget },
  ],
})
export class BackupsModule {}
