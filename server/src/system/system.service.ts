import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { LockService } from '../locks/lock.service';
import type { LockHolder } from '../locks/lock.types';
import { JOBS_QUEUE } from '../queue/queue.constants';
import { CheckDto, HealthChecksDto, HealthDto, SystemStatusDto } from './dto/health.dto';
import { EngineProbe } from './engine-probe';
import { HostRepository } from './host.repository';

const CHECK_TIMEOUT_MS = 2000;

async function check(probe: () => Promise<unknown>): Promise<CheckDto> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(), timeout]);
    return { status: 'up' };
  } catch (err) {
    return { status: 'down', detail: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

/** Local health never depends on anything remote: database, queue and engine on this machine. */
@Injectable()
export class SystemService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(JOBS_QUEUE) private readonly queue: Queue,
    private readonly engine: EngineProbe,
    private readonly host: HostRepository,
    private readonly locks: LockService,
  ) {}

  async checks(): Promise<HealthChecksDto> {
    const [database, queue, docker] = await Promise.all([
      check(() => this.dataSource.query('SELECT 1')),
      check(() => this.queue.client.ping()),
      check(() => this.engine.ping()),
    ]);
    return { database, queue, docker };
  }

  async health(detailed: boolean): Promise<HealthDto> {
    const checks = await this.checks();
    const allUp = Object.values(checks).every((c: CheckDto) => c.status === 'up');
    if (!detailed) {
      for (const check of Object.values(checks) as CheckDto[]) delete check.detail;
    }
    return { status: allUp ? 'ok' : 'degraded', checks };
  }

  async status(): Promise<SystemStatusDto> {
    const [checks, disk, memory] = await Promise.all([this.checks(), this.host.disk(), this.host.memory()]);
    const { held, waiting } = this.locks.snapshot();
    const dto = ({ lock, holder, since }: LockHolder) => ({ lock, holder, since: since.toISOString() });
    return { ...checks, disk, memory, locks: { held: held.map(dto), waiting: waiting.map(dto) } };
  }
}
