import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { DataSource } from 'typeorm';
import { ENGINE_UNREACHABLE, EngineUnreachableError } from '../engine/engine.errors';
import { JOBS_QUEUE } from '../queue/queue.constants';
import { CheckDto, CoreChecksDto, HealthDto, HealthStatus } from './dto/health.dto';
import type { HealthReport } from './health-report';

const CHECK_TIMEOUT_MS = 2000;

class NoAnswerError extends Error {}

/** Why a check is down, as a message key the web app translates (`system.reason.<key>`); the detail says the rest. */
function reasonOf(err: unknown): Pick<CheckDto, 'key' | 'params'> {
  if (err instanceof EngineUnreachableError) return { key: ENGINE_UNREACHABLE, params: {} };
  if (err instanceof NoAnswerError) return { key: 'noAnswer', params: { seconds: CHECK_TIMEOUT_MS / 1000 } };
  return { key: 'failed', params: {} };
}

/** Runs one probe with a deadline; a probe that throws or hangs is "down" with the reason. */
export async function check(probe: () => Promise<unknown>): Promise<CheckDto> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NoAnswerError(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(), timeout]);
    return { status: 'up' };
  } catch (err) {
    return { status: 'down', ...reasonOf(err), detail: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * "ok" when every check is up. The reason's key is for anyone (it names no path); the detail stays for
 * whoever may read it (see the controllers).
 */
export function summarize<T extends object>(checks: T, detailed: boolean): { status: HealthStatus; checks: T } {
  const all = Object.values(checks) as CheckDto[];
  if (!detailed) for (const one of all) delete one.detail;
  return { status: all.every((c) => c.status === 'up') ? 'ok' : 'degraded', checks };
}

/** Local health never depends on anything remote: the database and the queue, in every mode. */
@Injectable()
export class HealthService implements HealthReport {
  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(JOBS_QUEUE) private readonly queue: Queue,
  ) {}

  async coreChecks(): Promise<CoreChecksDto> {
    const [database, queue] = await Promise.all([
      check(() => this.dataSource.query('SELECT 1')),
      check(() => this.queue.client.ping()),
    ]);
    return { database, queue };
  }

  async health(detailed: boolean): Promise<HealthDto> {
    return summarize(await this.coreChecks(), detailed);
  }
}
