import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HealthReport } from './health-report';
import { HealthService } from './health.service';

/** Health without the Docker engine, for the upstream mode (the appliance's is SystemModule). */
@Module({
  controllers: [HealthController],
  providers: [HealthService, { provide: HealthReport, useExisting: HealthService }],
})
export class CoreHealthModule {}
