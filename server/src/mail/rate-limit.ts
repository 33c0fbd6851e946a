/** At most `limit` takes per key within `windowMs` (a sliding window). */
export interface RateRule {
  limit: number;
  windowMs: number;
}

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Bounds memory under a flood of made-up addresses. */
const MAX_KEYS = 10_000;

/**
 * Counts recent actions per key in memory (the test send, reset requests): unlike the login
 * throttle, every action counts, success or not, since each one sends a mail.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly rule: RateRule) {}

  /** Takes one action for every key, or none when any key is spent (then says how long to wait). */
  take(keys: readonly string[], now: number): TakeResult {
    const recent = keys.map((key) => this.recent(key, now));
    const full = recent.filter((times) => times.length >= this.rule.limit);
    if (full.length > 0) {
      const wait = Math.max(...full.map((times) => times[0] + this.rule.windowMs - now));
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
    }
    this.sweep(now, keys.length);
    keys.forEach((key, i) => {
      this.hits.delete(key); // re-inserted last: the oldest keys are dropped first when memory is full
      this.hits.set(key, [...recent[i], now]);
    });
    return { ok: true };
  }

  get size(): number {
    return this.hits.size;
  }

  private recent(key: string, now: number): number[] {
    return (this.hits.get(key) ?? []).filter((t) => now - t < this.rule.windowMs);
  }

  private sweep(now: number, room: number): void {
    if (this.hits.size + room <= MAX_KEYS) return;
    for (const [key, times] of this.hits) if (times.every((t) => now - t >= this.rule.windowMs)) this.hits.delete(key);
    for (const key of this.hits.keys()) {
      if (this.hits.size + room <= MAX_KEYS) break;
      this.hits.delete(key);
    }
  }
}
