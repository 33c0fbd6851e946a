import { Module } from '@nestjs/common';
import { EngineRepository } from '../engine/engine.repository';
import { EngineProbe } from './engine-probe';
import { HealthService } from './health.service';
import { HostRepository } from './host.repository';
import { ReconcileStats } from './reconcile-stats';
import { SystemController } from './system.controller';
import { SystemService } from './system.service';

/** The appliance's health and status: the core checks, its Docker engine, the host's capacity. */
@Module({
  controllers: [SystemController],
  providers: [
    SystemService,
    HealthService,
    HostRepository,
    ReconcileStats,
    { provide: EngineProbe, useExisting: EngineRepository },
  ],
  exports: [HostRepository, ReconcileStats],
})
export class SystemModule {}
