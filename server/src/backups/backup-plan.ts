import { CATALOG } from '../catalog/catalog';
import type { RenderContext, ServiceId } from '../catalog/catalog.types';
import { volumeName } from '../catalog/naming';
import { APPLIANCE_PART, BACKUP_TAGS, type BackupPart } from './backup.types';
import type { BackupScope } from './dto/backup.dto';

/**
 * Pure: what one backup run saves, in order. For each enabled service of the scopes asked (a feature's
 * own services; Postgres and the proxy are infrastructure, saved through the databases' dumps), each
 * of its databases as a pg_dump, then each of its volumes; last the manager's own files.
 */
export function planBackup(
  ctx: RenderContext,
  enabled: readonly ServiceId[],
  scopes: readonly BackupScope[],
): BackupPart[] {
  const wanted = new Set<string>(scopes);
  const parts: BackupPart[] = [];
  for (const id of enabled) {
    const definition = CATALOG[id];
    if (!wanted.has(definition.role)) continue;
    for (const db of definition.databases(ctx)) parts.push({ kind: 'database', service: id, database: db.database });
    for (const volume of definition.volumes) {
      parts.push({ kind: 'volume', service: id, volume: volumeName(ctx.settings.applianceId, id, volume.key) });
    }
  }
  if (wanted.has(APPLIANCE_PART)) parts.push({ kind: 'appliance' });
  return parts;
}

/**
 * What a service's backup leaves out, where it is worth it: Synapse's one-time keys (consumed, then
 * useless) and its cache of other servers' media (fetched again on demand). Its own media
 * (`local_content`, `local_thumbnails`) and signing key are kept.
 */
export const BACKUP_HINTS: Partial<Record<ServiceId, { excludeTableData?: string[]; excludePaths?: string[] }>> = {
  synapse: {
    excludeTableData: ['e2e_one_time_keys_json'],
    excludePaths: ['media_store/remote_content', 'media_store/remote_thumbnail'],
  },
};

/** The restic tags of one part of run `runId`. */
export function partTags(runId: string, part: BackupPart): string[] {
  const service = part.kind === 'appliance' ? APPLIANCE_PART : part.service;
  return [`${BACKUP_TAGS.run}=${runId}`, `${BACKUP_TAGS.service}=${service}`, `${BACKUP_TAGS.kind}=${part.kind}`];
}

/** The scope (feature, or `appliance`) a snapshot's service tag belongs to, for the overview. */
export function scopeOfService(service: string): string | undefined {
  if (service === APPLIANCE_PART) return APPLIANCE_PART;
  const definition = (CATALOG as Record<string, { role: string } | undefined>)[service];
  return definition && definition.role !== 'infrastructure' ? definition.role : undefined;
}

/** The file name a database's dump has inside its snapshot (what restic `dump` takes back). */
export const dumpFilename = (database: string) => `${database}.pgdump`;
