import { Module } from '@nestjs/common';
import { ImagesModule } from '../images/images.module';
import { JobKinds } from '../jobs/job-registry';
import { JOB_KIND_GROUPS } from '../jobs/job.types';
import { JobsModule } from '../jobs/jobs.module';
import { SelfUpdateController } from './self-update.controller';
import { SelfUpdateFiles } from './self-update.files';
import { SelfUpdateInspector } from './self-update.inspector';
import { SelfUpdateRunner } from './self-update.runner';
import { SelfUpdateService } from './self-update.service';
import { SelfUpdateTrust } from './self-update.trust';

/** The manager's own update through a helper container (issue 5); the helper itself is cli/. */
@JobKinds(...JOB_KIND_GROUPS.selfUpdate)
@Module({
  imports: [JobsModule, ImagesModule],
  controllers: [SelfUpdateController],
  providers: [SelfUpdateFiles, SelfUpdateInspector, SelfUpdateRunner, SelfUpdateService, SelfUpdateTrust],
  // The manager's version as its image says it, for the mutualised host's heartbeat (federation/).
  exports: [SelfUpdateInspector],
})
export class SelfUpdateModule {}
