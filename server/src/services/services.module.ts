import { Module } from '@nestjs/common';
import { SetupModule } from '../setup/setup.module';
import { ServicesController } from './services.controller';
import { ServicesService } from './services.service';

@Module({
  imports: [SetupModule],
  controllers: [ServicesController],
  providers: [ServicesService],
})
export class ServicesModule {}
