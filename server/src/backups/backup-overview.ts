import { runOf } from './backup-retention';
import { scopeOfService } from './backup-plan';
import type { BackupRunEntity } from './backup-run.entity';
import { BACKUP_TAGS, type BackupPointView } from './backup.types';
import type { ResticSnapshot } from './restic.types';

const SERVICE_PREFIX = `${BACKUP_TAGS.service}=`;
/** The dashboard warns when the last success is older than this. */
export const OVERDUE_MS = 48 * 60 * 60 * 1000;

/**
 * Pure: restic's snapshots grouped into backup points by their run tag, newest first. A run this
 * manager knows must have succeeded (a running or failed run's parts are not a point); a run it does
 * not know (a repository from another appliance, after a disaster recovery) is listed as restic has it.
 */
export function backupPoints(
  snapshots: readonly ResticSnapshot[],
  runs: ReadonlyMap<string, Pick<BackupRunEntity, 'state' | 'sizeBytes'>>,
): BackupPointView[] {
  const points = new Map<string, { time: string; services: Set<string> }>();
  for (const snapshot of snapshots) {
    const run = runOf(snapshot);
    if (run === undefined) continue;
    const known = runs.get(run);
    if (known && known.state !== 'succeeded') continue;
    const point = points.get(run) ?? { time: snapshot.time, services: new Set<string>() };
    if (snapshot.time < point.time) point.time = snapshot.time;
    for (const t of snapshot.tags) {
      const scope = t.startsWith(SERVICE_PREFIX) ? scopeOfService(t.slice(SERVICE_PREFIX.length)) : undefined;
      if (scope) point.services.add(scope);
    }
    points.set(run, point);
  }
  return [...points]
    .map(([id, p]) => ({
      id,
      time: new Date(p.time).toISOString(),
      services: [...p.services].sort(),
      sizeBytes: runs.get(id)?.sizeBytes ?? 0,
    }))
    .sort((a, b) => b.time.localeCompare(a.time));
}

/** No success for 48 hours; with none at all, once the appliance has been set up for that long. */
export function isOverdue(lastSuccess: Date | null, setUpAt: Date | null, now: Date): boolean {
  const since = lastSuccess ?? setUpAt;
  return since !== null && now.getTime() - since.getTime() > OVERDUE_MS;
}
