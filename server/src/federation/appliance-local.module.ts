import { Module } from '@nestjs/common';
import { BackupsModule } from '../backups/backups.module';
import { FeaturesModule } from '../features/features.module';
import { JobsModule } from '../jobs/jobs.module';
import { SelfUpdateModule } from '../self-update/self-update.module';
import { SetupModule } from '../setup/setup.module';
import { SystemModule } from '../system/system.module';
import { ApplianceLocal } from './appliance-local';

/** What the link reads and queues on an appliance (FederationModule.withLocal in app.modules.ts). */
@Module({
  imports: [SetupModule, JobsModule, BackupsModule, FeaturesModule, SystemModule, SelfUpdateModule],
  providers: [ApplianceLocal],
  exports: [ApplianceLocal],
})
export class ApplianceLocalModule {}
