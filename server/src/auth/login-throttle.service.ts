import { Injectable } from '@nestjs/common';
import { Clock } from '../platform/clock';

/**
 * A rule: `free` failures are allowed, then each further attempt must wait twice as long as the one
 * before (`baseMs`, doubling, at most `maxDelayMs`) after the latest failure. A key's failures are
 * forgotten `forgetMs` after its latest failure.
 */
export interface ThrottleRule {
  free: number;
  baseMs: number;
  maxDelayMs: number;
}

/**
 * Three keys, so that an attacker is slowed without locking the owner out:
 * - account + address: one client guessing one account: long delays;
 * - address: one client trying many accounts: long delays;
 * - account from anywhere (a distributed guess): delays capped at a minute, so the owner signing in
 *   from their own address waits at most that long, while guessing stays at about one try a minute.
 * Addresses are the real clients' (see trusted-proxies.ts), never the proxy's.
 */
export const RULES = {
  pair: { free: 5, baseMs: 1_000, maxDelayMs: 15 * 60_000 },
  address: { free: 20, baseMs: 1_000, maxDelayMs: 15 * 60_000 },
  account: { free: 20, baseMs: 1_000, maxDelayMs: 60_000 },
} as const satisfies Record<string, ThrottleRule>;
const FORGET_MS = 15 * 60_000;
/** Bounds memory under a flood of made-up usernames or addresses. */
export const MAX_KEYS = 10_000;

interface Bucket {
  failures: number;
  last: number;
}

/** What a login attempt reserved; handed back when its outcome is known. */
export interface Reservation {
  keys: readonly string[];
}

export type ReserveResult = { ok: true; reservation: Reservation } | { ok: false; retryAfterSeconds: number };

/**
 * Counts failed logins in memory. An attempt is *reserved* as a failure before the password is
 * hashed, synchronously, so concurrent attempts see each other: twenty parallel guesses cannot all
 * pass a check made before any of them failed. A success gives the reservation back.
 */
@Injectable()
export class LoginThrottleService {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly clock: Clock) {}

  /**
   * `account` identifies the account (username, plus a fingerprint of its password hash when it
   * exists, so that `appliance reset-password` lifts the account's delays).
   */
  reserve(account: string, address: string): ReserveResult {
    const now = this.clock.now().getTime();
    const keyed = this.keys(account, address);
    const wait = Math.max(...keyed.map(([key, rule]) => this.waitFor(key, rule, now)));
    if (wait > 0) return { ok: false, retryAfterSeconds: Math.ceil(wait / 1000) };
    this.sweep(now);
    for (const [key] of keyed) {
      const bucket = this.current(key, now);
      this.buckets.delete(key); // re-inserted last: the Map's order is then least recently failed first
      this.buckets.set(key, { failures: bucket.failures + 1, last: now });
    }
    return { ok: true, reservation: { keys: keyed.map(([key]) => key) } };
  }

  /** The attempt was not made after all (the server was busy): it does not count. */
  release(reservation: Reservation): void {
    for (const key of reservation.keys) {
      const bucket = this.buckets.get(key);
      if (!bucket) continue;
      if (bucket.failures <= 1) this.buckets.delete(key);
      else bucket.failures -= 1;
    }
  }

  /** Right password: this client's and this account's counts start again; the address keeps others. */
  succeeded(reservation: Reservation): void {
    this.release(reservation);
    for (const key of reservation.keys) if (!key.startsWith('a:')) this.buckets.delete(key);
  }

  /** For tests and the bench: how many keys are remembered. */
  get size(): number {
    return this.buckets.size;
  }

  private keys(account: string, address: string): Array<[string, ThrottleRule]> {
    const user = account.toLowerCase();
    return [
      [`p:${user}\n${address}`, RULES.pair],
      [`a:${address}`, RULES.address],
      [`u:${user}`, RULES.account],
    ];
  }

  private current(key: string, now: number): Bucket {
    const bucket = this.buckets.get(key);
    if (!bucket || now - bucket.last >= FORGET_MS) return { failures: 0, last: now };
    return bucket;
  }

  private waitFor(key: string, rule: ThrottleRule, now: number): number {
    const bucket = this.current(key, now);
    if (bucket.failures < rule.free) return 0;
    const delay = Math.min(rule.baseMs * 2 ** Math.min(bucket.failures - rule.free, 30), rule.maxDelayMs);
    return Math.max(0, bucket.last + delay - now);
  }

  /** Drops forgotten keys, then the least recently failed ones while there are too many. */
  private sweep(now: number): void {
    if (this.buckets.size + 3 <= MAX_KEYS) return;
    for (const [key, bucket] of this.buckets) if (now - bucket.last >= FORGET_MS) this.buckets.delete(key);
    for (const key of this.buckets.keys()) {
      if (this.buckets.size < MAX_KEYS - 3) break;
      this.buckets.delete(key);
    }
  }
}
