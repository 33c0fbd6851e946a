import { Module } from '@nestjs/common';
import { EngineInfoRepository } from '../engine/engine-info.repository';
import { EngineProbe } from './engine-probe';
import { HealthController } from './health.controller';
import { HealthReport } from './health-report';
import { HealthService } from './health.service';
import { HostRepository } from './host.repository';
import { ReconcileStats } from './reconcile-stats';
import { SystemController } from './system.controller';
import { SystemService } from './system.service';

/** The appliance's health and status: the core checks, its Docker engine, the host's capacity. */
@Module({
  controllers: [HealthController, SystemController],
  providers: [
    SystemService,
    HealthService,
    HostRepository,
    ReconcileStats,
    { provide: EngineProbe, useExisting: EngineInfoRepository },
    { provide: HealthReport, useExisting: SystemService },
  ],
  exports: [HostRepository, ReconcileStats, SystemService],
})
export class SystemModule {}
