import { Module } from '@nestjs/common';
import { CoreHealthController } from './core-health.controller';
import { HealthService } from './health.service';

/** Health without the Docker engine, for the upstream mode (the appliance's is SystemModule). */
@Module({ controllers: [CoreHealthController], providers: [HealthService] })
export class CoreHealthModule {}
