import { MAX_SKEW_MS } from '../fleet-link/link-signature';
import type { HeartbeatService } from '../fleet-link/link.types';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** Enrollment tokens: a day by default, a week at most (a code that waits longer should be minted again). */
export const TOKEN_HOURS = { default: 24, min: 1, max: 168 } as const;
/** Commands: an hour by default; a day at most (an appliance offline longer gets a fresh one). */
export const COMMAND_MINUTES = { default: 60, min: 1, max: 24 * 60 } as const;

/** What needs a look: not seen for 10 minutes (five missed heartbeats), no backup for 48 hours. */
export const NOT_SEEN_MS = 10 * MINUTE_MS;
export const NO_BACKUP_MS = 48 * HOUR_MS;

export const ATTENTION_REASONS = ['notSeen', 'serviceUnhealthy', 'noRecentBackup'] as const;
export type AttentionReason = (typeof ATTENTION_REASONS)[number];

function bounded(value: number | undefined, range: { default: number; min: number; max: number }): number {
  if (value === undefined) return range.default;
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new RangeError(`must be a whole number between ${range.min} and ${range.max}`);
  }
  return value;
}

export function tokenExpiry(now: Date, hours?: number): Date {
  return new Date(now.getTime() + bounded(hours, TOKEN_HOURS) * HOUR_MS);
}

export function commandExpiry(now: Date, minutes?: number): Date {
  return new Date(now.getTime() + bounded(minutes, COMMAND_MINUTES) * MINUTE_MS);
}

/**
 * A nonce must be remembered as long as its request could still pass the skew check: until its own
 * timestamp plus the allowed skew. Past that, a replay is refused for skew.
 */
export function nonceExpiry(timestamp: string): Date {
  return new Date(Date.parse(timestamp) + MAX_SKEW_MS);
}

export type TokenState = 'valid' | 'unknown' | 'used' | 'revoked' | 'expired';

/** Why a token cannot be spent (or that it can); the conditional UPDATE is what actually decides. */
export function tokenState(
  row: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date } | null,
  now: Date,
): TokenState {
  if (!row) return 'unknown';
  if (row.usedAt) return 'used';
  if (row.revokedAt) return 'revoked';
  if (row.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'valid';
}

export interface AttentionInput {
  status: string;
  lastSeenAt: Date | null;
  services: readonly HeartbeatService[];
  lastBackupAt: Date | null;
}

/** Why an active appliance needs a look, in a fixed order; none for a revoked or departed one. */
export function attentionReasons(appliance: AttentionInput, now: Date): AttentionReason[] {
  if (appliance.status !== 'active') return [];
  const at = now.getTime();
  const reasons: AttentionReason[] = [];
  if (!appliance.lastSeenAt || at - appliance.lastSeenAt.getTime() > NOT_SEEN_MS) reasons.push('notSeen');
  if (appliance.services.some((s) => s.health === 'unhealthy')) reasons.push('serviceUnhealthy');
  if (!appliance.lastBackupAt || at - appliance.lastBackupAt.getTime() > NO_BACKUP_MS) reasons.push('noRecentBackup');
  return reasons;
}

const HEALTHS = new Set(['healthy', 'unhealthy', 'starting', 'unknown']);

/** Services as stored (JSON); anything malformed is dropped rather than trusted. */
export function parseServices(json: string): HeartbeatService[] {
  try {
    const raw: unknown = JSON.parse(json);
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((s: unknown) => {
      const o = s as Record<string, unknown> | null;
      if (!o || typeof o.name !== 'string' || typeof o.state !== 'string' || !HEALTHS.has(String(o.health))) return [];
      return [{ name: o.name, state: o.state, health: o.health as HeartbeatService['health'] }];
    });
  } catch {
    return [];
  }
}
