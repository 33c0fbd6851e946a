import { Module } from '@nestjs/common';
import { SetupModule } from '../setup/setup.module';
import { PortalController } from './portal.controller';
import { PortalService } from './portal.service';

/** The member portal (issue 11): needs the engine, so appliance mode only. */
@Module({
  imports: [SetupModule],
  controllers: [PortalController],
  providers: [PortalService],
})
export class PortalModule {}
