import { Module } from '@nestjs/common';
import { EngineRepository } from '../engine/engine.repository';
import { EngineProbe } from './engine-probe';
import { HealthService } from './health.service';
import { HostRepository } from './host.repository';
import { SystemController } from './system.controller';
import { SystemService } from './system.service';

/** The appliance's health and status: the core checks, its Docker engine, the host's capacity. */
@Module({
  controllers: [SystemController],
  providers: [SystemService, HealthService, HostRepository, { provide: EngineProbe, useExisting: EngineRepository }],
  exports: [HostRepository],
})
export class SystemModule {}
