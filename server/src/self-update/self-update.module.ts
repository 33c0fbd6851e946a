import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { ImagesModule } from '../images/images.module';
import { JobsModule } from '../jobs/jobs.module';
import { SelfUpdateController } from './self-update.controller';
import { SelfUpdateFiles } from './self-update.files';
import { SelfUpdateInspector } from './self-update.inspector';
import { SelfUpdateProcessor } from './self-update.processor';
import { SelfUpdateRunner } from './self-update.runner';
import { SelfUpdateService } from './self-update.service';
import { SELF_UPDATE_QUEUE } from './self-update.types';
import { SelfUpdateTrust } from './self-update.trust';

/** The manager's own update through a helper container (issue 5); the helper itself is cli/. */
@Module({
  imports: [JobsModule, ImagesModule, BullModule.registerQueue({ name: SELF_UPDATE_QUEUE })],
  controllers: [SelfUpdateController],
  providers: [
    SelfUpdateFiles,
    SelfUpdateInspector,
    SelfUpdateProcessor,
    SelfUpdateRunner,
    SelfUpdateService,
    SelfUpdateTrust,
  ],
})
export class SelfUpdateModule {}
