import { Module } from '@nestjs/common';
import { ImagesModule } from '../images/images.module';
import { JobKinds } from '../jobs/job-registry';
import { JOB_KIND_GROUPS } from '../jobs/job.types';
import { JobsModule } from '../jobs/jobs.module';
import { MailModule } from '../mail/mail.module';
import { ServicesModule } from '../services/services.module';
import { SetupModule } from '../setup/setup.module';
import { ChatAdminService } from './chat-admin.service';
import { FeaturesController } from './features.controller';
import { FeaturesService } from './features.service';
import { LogsService } from './logs.service';
import { OperationsService } from './operations.service';

/** What a community turns on (chat, pad, files): the dashboard's list, the feature jobs, logs and chat admin. */
@JobKinds(...JOB_KIND_GROUPS.features)
@Module({
  // MailModule: a change of the relay re-applies chat and files (OperationsService.reapplyMail).
  imports: [ServicesModule, SetupModule, JobsModule, ImagesModule, MailModule],
  controllers: [FeaturesController],
  providers: [FeaturesService, ChatAdminService, LogsService, OperationsService],
  // The mutualised host's heartbeat and commands read and queue through these (federation/).
  exports: [FeaturesService, OperationsService],
})
export class FeaturesModule {}
