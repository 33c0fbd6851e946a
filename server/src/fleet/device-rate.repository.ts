import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import Redis, { type RedisOptions } from 'ioredis';
import type { TakeResult } from '../mail/rate-limit';
import { REDIS_OPTIONS } from '../queue/queue.constants';
import { counterKey, countersFor, scriptArgs, TAKE_SCRIPT, takeResult } from './device-rate';

/** Thrown when Redis does not answer: the caller refuses the request (fail closed, see below). */
export class RateStoreUnavailable extends Error {}

/**
 * The device routes' rate counters in Redis, the hub's private redis-server or REDIS_URL's (the
 * queue's connection settings), so that several upstream processes behind one balancer share them.
 * One connection per process, opened on the first device request (an upstream that never gets one
 * opens none); one round trip per check (a Lua script, atomic).
 */
@Injectable()
export class DeviceRateRepository implements OnModuleDestroy {
  private readonly logger = new Logger('DeviceRate');
  private readonly redis: Redis;
  private failing = false;

  constructor(@Inject(REDIS_OPTIONS) options: RedisOptions) {
    this.redis = new Redis({
      ...options,
      lazyConnect: true,
      // A check waits at most a few seconds on a Redis that is gone, then the request is refused.
      maxRetriesPerRequest: 1,
      connectTimeout: 3000,
      commandTimeout: 3000,
    });
    // Reported once per outage by take(); ioredis reconnects by itself.
    this.redis.on('error', () => undefined);
  }

  /** Takes one request of this address (and one enrollment when `enroll`), or none once a budget is spent. */
  async take(address: string, enroll: boolean): Promise<TakeResult> {
    const kinds = countersFor(enroll);
    try {
      const waitMs = await this.redis.eval(
        TAKE_SCRIPT,
        kinds.length,
        ...kinds.map((kind) => counterKey(kind, address)),
        ...scriptArgs(kinds),
      );
      if (this.failing) this.logger.log('Redis answers again: device rate limits are back');
      this.failing = false;
      return takeResult(Number(waitMs));
    } catch (error) {
      if (!this.failing) {
        this.logger.error(`Redis does not answer, device requests are refused until it does: ${String(error)}`);
      }
      this.failing = true;
      throw new RateStoreUnavailable(String(error));
    }
  }

  async onModuleDestroy(): Promise<void> {
    // Before the private redis-server stops (app.factory.ts closes Nest first).
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => undefined);
    else this.redis.disconnect();
  }
}
