import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { SetupModule } from '../setup/setup.module';
import { BackupScheduleService } from './backup-schedule.service';
import { BackupsController } from './backups.controller';
import { BackupsService } from './backups.service';
import { ResticRepository } from './restic.repository';

/** Backups (appliance mode). Declares its job kinds with @JobKinds once their handlers exist. */
@Module({
  imports: [SetupModule, JobsModule],
  controllers: [BackupsController],
  providers: [BackupsService, BackupScheduleService, ResticRepository],
  exports: [ResticRepository],
})
export class BackupsModule {}
