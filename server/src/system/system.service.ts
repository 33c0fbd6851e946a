import { Injectable } from '@nestjs/common';
import { LockService } from '../locks/lock.service';
import type { LockHolder } from '../locks/lock.types';
import { CheckDto, CoreChecksDto, HealthDto, SystemStatusDto } from './dto/health.dto';
import type { HealthReport } from './health-report';
import { EngineProbe } from './engine-probe';
import { check, HealthService, summarize } from './health.service';
import { HostRepository } from './host.repository';
import { ReconcileStats } from './reconcile-stats';

/** An appliance's health: the core checks and its Docker engine, all on this machine. */
@Injectable()
export class SystemService implements HealthReport {
  constructor(
    private readonly core: HealthService,
    private readonly engine: EngineProbe,
    private readonly host: HostRepository,
    private readonly locks: LockService,
    private readonly reconciles: ReconcileStats,
  ) {}

  async checks(): Promise<CoreChecksDto & { docker: CheckDto }> {
    const [core, docker] = await Promise.all([this.core.coreChecks(), check(() => this.engine.ping())]);
    return { ...core, docker };
  }

  async health(detailed: boolean): Promise<HealthDto> {
    return summarize(await this.checks(), detailed);
  }

  async status(): Promise<SystemStatusDto> {
    const [checks, disk, memory] = await Promise.all([this.checks(), this.host.disk(), this.host.memory()]);
    const { held, waiting } = this.locks.snapshot();
    const dto = ({ lock, holder, since }: LockHolder) => ({ lock, holder, since: since.toISOString() });
    const { completed, failed, last } = this.reconciles.snapshot();
    return {
      ...checks,
      disk,
      memory,
      locks: { held: held.map(dto), waiting: waiting.map(dto) },
      reconciles: { completed, failed, last: last && { ...last, at: last.at.toISOString() } },
    };
  }
}
