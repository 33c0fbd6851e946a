import type { RateRule, TakeResult } from '../mail/rate-limit';

/**
 * The device routes' budgets per client address, shared by every upstream process through Redis
 * (device-rate.repository.ts). Enrollment is rarer and guards single-use secrets, so it gets a
 * tighter budget on top of the general one.
 */
export const DEVICE_LIMITS = {
  any: { limit: 600, windowMs: 60_000 },
  enroll: { limit: 20, windowMs: 10 * 60_000 },
} as const satisfies Record<string, RateRule>;

export type DeviceLimitKind = keyof typeof DEVICE_LIMITS;

/**
 * One fixed window per counter, opened by its first hit and closed by Redis's own expiry (no clock of
 * any process involved, so hubs whose clocks differ still share one window). Counters are taken in
 * order and the first spent one stops the rest: a flood of enrollments refused by the general budget
 * does not eat the enrollment budget. Answers 0 when every counter had room, else the milliseconds
 * until the spent one's window closes. KEYS: the counters; ARGV: limit and window (ms) of each.
 */
export const TAKE_SCRIPT = `
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[2 * i - 1])
  local window = tonumber(ARGV[2 * i])
  local count = redis.call('INCR', key)
  if count == 1 then redis.call('PEXPIRE', key, window) end
  if count > limit then
    local ttl = redis.call('PTTL', key)
    if ttl < 0 then
      redis.call('PEXPIRE', key, window)
      ttl = window
    end
    return math.max(ttl, 1)
  end
end
return 0
`;

/** The Redis key of one counter: per kind and client address. */
export function counterKey(kind: DeviceLimitKind, address: string): string {
  return `tl:device-rate:${kind}:${address}`;
}

/** The counters a request of this kind takes, in the order the script takes them. */
export function countersFor(enroll: boolean): DeviceLimitKind[] {
  return enroll ? ['any', 'enroll'] : ['any'];
}

/** The script's arguments for these counters: limit and window of each, as strings. */
export function scriptArgs(kinds: readonly DeviceLimitKind[]): string[] {
  return kinds.flatMap((kind) => [String(DEVICE_LIMITS[kind].limit), String(DEVICE_LIMITS[kind].windowMs)]);
}

/** The script's answer as the in-memory limiter gives it (Retry-After in whole seconds, at least 1). */
export function takeResult(waitMs: number): TakeResult {
  if (waitMs <= 0) return { ok: true };
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}
