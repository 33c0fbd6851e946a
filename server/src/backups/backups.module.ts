import { Module } from '@nestjs/common';
import { BackupScheduleService } from './backup-schedule.service';
import { BackupsController } from './backups.controller';
import { BackupsService } from './backups.service';

/** Backups (appliance mode). Declares its job kinds with @JobKinds once their handlers exist. */
@Module({
  controllers: [BackupsController],
  providers: [BackupsService, BackupScheduleService],
})
export class BackupsModule {}
