import type { Heartbeat, HeartbeatService } from '../fleet-link/link.types';
import type { FederationStatusDto } from './dto/federation.dto';
import type { FederationLinkEntity } from './federation-link.entity';

/** What GET /api/federation answers: the link as the admins see it, never a key. */
export function statusView(link: FederationLinkEntity | null, nextAttemptAt: Date | null): FederationStatusDto {
  if (!link) return { state: 'none' };
  return {
    state: link.revokedAt ? 'revoked' : link.confirmedAt ? 'enrolled' : 'awaiting',
    upstream: { name: link.upstreamName, url: link.upstreamUrl, fingerprint: link.upstreamFingerprint },
    applianceId: link.applianceId,
    enrolledAt: link.enrolledAt.toISOString(),
    lastContactAt: link.lastContactAt?.toISOString() ?? null,
    lastError: link.lastError,
    nextAttemptAt: nextAttemptAt?.toISOString() ?? null,
  };
}

export interface LocalStatus {
  version: string;
  services: HeartbeatService[];
  diskFreeBytes: number | null;
  lastBackupAt: Date | null;
}

/** The heartbeat's body: status only (link.types.ts), nothing the community wrote. */
export function heartbeatOf(local: LocalStatus): Heartbeat {
  return {
    version: local.version,
    services: local.services.map(({ name, state, health }) => ({ name, state, health })),
    diskFreeBytes: local.diskFreeBytes === null ? null : Math.max(0, Math.floor(local.diskFreeBytes)),
    lastBackupAt: local.lastBackupAt?.toISOString() ?? null,
  };
}

/**
 * diagnostics.collect's result: flat (CommandAck.result), short, and free of secrets: versions,
 * states, disk and message keys only, never a path, an address or a log line.
 */
export function diagnosticsOf(
  local: LocalStatus,
  recentErrors: readonly string[],
): Record<string, string | number | null> {
  const result: Record<string, string | number | null> = {
    version: local.version,
    diskFreeBytes: heartbeatOf(local).diskFreeBytes,
    lastBackupAt: local.lastBackupAt?.toISOString() ?? null,
    recentErrors: recentErrors.slice(0, 5).join(','),
  };
  for (const s of local.services) result[`service.${s.name}`] = `${s.state}/${s.health}`;
  return result;
}
