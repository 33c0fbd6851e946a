import { BACKUP_TAGS, type RetentionPolicy } from './backup.types';
import type { ResticSnapshot } from './restic.types';

/**
 * Retention over backup points, not restic snapshots: one run of ours is several snapshots with
 * different tags (service, kind), so restic's own `--group-by tags` would keep or forget parts of a
 * run independently. We decide which runs to keep here, with restic's rules, and then forget every
 * snapshot of the other runs by id.
 */

export interface RunPoint {
  run: string;
  time: Date;
}

const RUN_PREFIX = `${BACKUP_TAGS.run}=`;

/** The run tag's value of a snapshot, if it has one. */
export function runOf(snapshot: Pick<ResticSnapshot, 'tags'>): string | undefined {
  return snapshot.tags.find((t) => t.startsWith(RUN_PREFIX))?.slice(RUN_PREFIX.length);
}

/** One point per run tag, at its earliest snapshot's time. Snapshots without a run tag are not ours. */
export function pointsOf(snapshots: readonly ResticSnapshot[]): RunPoint[] {
  const points = new Map<string, Date>();
  for (const snapshot of snapshots) {
    const run = runOf(snapshot);
    const time = new Date(snapshot.time);
    if (run === undefined || Number.isNaN(time.getTime())) continue;
    const known = points.get(run);
    if (!known || time < known) points.set(run, time);
  }
  return [...points].map(([run, time]) => ({ run, time }));
}

/** ISO 8601 week-numbering year and week, as restic's weekly bucket (local time, like restic). */
function isoWeek(time: Date): string {
  // The local calendar day, computed in UTC so daylight saving time does not shift it.
  const day = new Date(Date.UTC(time.getFullYear(), time.getMonth(), time.getDate()));
  const weekday = day.getUTCDay() || 7; // Monday 1 .. Sunday 7
  day.setUTCDate(day.getUTCDate() + 4 - weekday); // the Thursday of this week names its year
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${week}`;
}

const BUCKETS: ReadonlyArray<[keyof RetentionPolicy, (t: Date) => string]> = [
  ['daily', (t) => `${t.getFullYear()}-${t.getMonth()}-${t.getDate()}`],
  ['weekly', isoWeek],
  ['monthly', (t) => `${t.getFullYear()}-${t.getMonth()}`],
];

/**
 * The runs a policy keeps, as restic's `forget --keep-daily/weekly/monthly` decides (newest first: a
 * point is kept by a rule when it is the newest of a day/week/month that rule has not kept yet, while
 * the rule's count lasts). A policy of all zeros keeps everything: an empty policy never deletes.
 */
export function runsToKeep(points: readonly RunPoint[], policy: RetentionPolicy): Set<string> {
  const all = new Set(points.map((p) => p.run));
  if (policy.daily <= 0 && policy.weekly <= 0 && policy.monthly <= 0) return all;
  const sorted = [...points].sort((a, b) => b.time.getTime() - a.time.getTime());
  const remaining = { ...policy };
  const last: Partial<Record<keyof RetentionPolicy, string>> = {};
  const keep = new Set<string>();
  for (const point of sorted) {
    for (const [rule, bucketOf] of BUCKETS) {
      if (remaining[rule] <= 0) continue;
      const bucket = bucketOf(point.time);
      if (bucket === last[rule]) continue;
      last[rule] = bucket;
      remaining[rule] -= 1;
      keep.add(point.run);
    }
  }
  return keep;
}
