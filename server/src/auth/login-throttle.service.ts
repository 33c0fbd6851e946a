import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';

const WINDOW_MS = 15 * 60 * 1000;
/** Failures allowed per username, and per client address (higher: several people share one NAT). */
export const MAX_FAILURES_PER_USER = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

interface Bucket {
  failures: number;
  windowStart: number;
}

/** Counts failed logins in memory; a locked key stays locked until its window ends. */
@Injectable()
export class LoginThrottleService {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly clock: Clock) {}

  /** Seconds to wait before trying again, or 0 when a new attempt is allowed. */
  retryAfter(username: string, address: string): number {
    const now = this.clock.now().getTime();
    return Math.max(
      this.lockedFor(`u:${username.toLowerCase()}`, MAX_FAILURES_PER_USER, now),
      this.lockedFor(`a:${address}`, MAX_FAILURES_PER_ADDRESS, now),
    );
  }

  recordFailure(username: string, address: string): void {
    const now = this.clock.now().getTime();
    for (const key of [`u:${username.toLowerCase()}`, `a:${address}`]) {
      const bucket = this.current(key, now);
      bucket.failures += 1;
      this.buckets.set(key, bucket);
    }
  }

  recordSuccess(username: string): void {
    this.buckets.delete(`u:${username.toLowerCase()}`);
  }

  private current(key: string, now: number): Bucket {
    const bucket = this.buckets.get(key);
    if (!bucket || now - bucket.windowStart >= WINDOW_MS) return { failures: 0, windowStart: now };
    return bucket;
  }

  private lockedFor(key: string, max: number, now: number): number {
    const bucket = this.current(key, now);
    if (bucket.failures < max) return 0;
    return Math.ceil((bucket.windowStart + WINDOW_MS - now) / 1000);
  }
}
