/** The link's rhythm: pure, so its bounds are unit-tested. */

export const BACKOFF_CAP_MS = 10 * 60_000;
/** After a 403 (revoked, or left upstream): ask again rarely, never hammer. */
export const REVOKED_DELAY_MS = 6 * 60 * 60_000;

/**
 * The wait after `failures` consecutive failures (1 or more): the heartbeat interval doubled per
 * failure, capped at ~10 minutes, then "full jitter" on its upper half (so many appliances cut off
 * by one upstream outage do not all come back at the same second, yet none retries at once).
 * `random` is in [0, 1).
 */
export function backoffDelay(failures: number, intervalMs: number, random: number): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 20);
  const ceiling = Math.min(BACKOFF_CAP_MS, intervalMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (ceiling / 2) * Math.min(Math.max(random, 0), 1));
}
