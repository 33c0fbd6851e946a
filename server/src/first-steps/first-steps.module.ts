import { Module } from '@nestjs/common';
import { FeaturesModule } from '../features/features.module';
import { SetupModule } from '../setup/setup.module';
import { FirstStepsController } from './first-steps.controller';
import { FirstStepsRepository } from './first-steps.repository';
import { FirstStepsService } from './first-steps.service';

/** The dashboard's first-run checklist (appliance only: it reads the features). */
@Module({
  imports: [SetupModule, FeaturesModule],
  controllers: [FirstStepsController],
  providers: [FirstStepsRepository, FirstStepsService],
})
export class FirstStepsModule {}
