import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_RETENTION } from './backup.types';
import { runsToKeep, type RunPoint } from './backup-retention';

const HOUR = 3600 * 1000;

/** runsToKeep reads days in the process's local time, as restic does: the time zone is set per case. */
function inZone<T>(timeZone: string, work: () => T): T {
  const before = process.env.TZ;
  process.env.TZ = timeZone;
  try {
    return work();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

type RetentionPoint = { id: string; time: Date };
const retainedPoints = (
  points: readonly RetentionPoint[],
  policy: Parameters<typeof runsToKeep>[1],
  timeZone: string,
) =>
  inZone(timeZone, () =>
    runsToKeep(
      points.map((p): RunPoint => ({ run: p.id, time: p.time })),
      policy,
    ),
  );
/** One point every `everyHours` from `from`, `count` of them, ids p0 (oldest) .. */
function history(from: string, count: number, everyHours: number): RetentionPoint[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `p${i}`,
    time: new Date(Date.parse(from) + i * everyHours * HOUR),
  }));
}
const times = (points: RetentionPoint[], kept: Set<string>) =>
  points.filter((p) => kept.has(p.id)).map((p) => p.time.toISOString());

describe('runsToKeep over generated histories', () => {
  it('keeps the newest point of each of the last 7 days, 4 ISO weeks and 6 months (the default)', () => {
    // Nightly at 03:00 UTC for a year (2026-01-01 .. 2026-12-31), twice on the last day.
    const points = [
      ...history('2026-01-01T03:00:00Z', 365, 24),
      { id: 'extra', time: new Date('2026-12-31T15:00:00Z') },
    ];
    const kept = retainedPoints(points, DEFAULT_RETENTION, 'UTC');
    assert.deepEqual(times(points, kept), [
      // Monthly: the last point of Jul..Nov (December's is the newest daily one).
      '2026-07-31T03:00:00.000Z',
      '2026-08-31T03:00:00.000Z',
      '2026-09-30T03:00:00.000Z',
      '2026-10-31T03:00:00.000Z',
      // Weekly (Sundays end ISO weeks): weeks 50, 51 and 52 before the current one.
      '2026-11-30T03:00:00.000Z',
      '2026-12-13T03:00:00.000Z',
      '2026-12-20T03:00:00.000Z',
      '2026-12-25T03:00:00.000Z',
      '2026-12-26T03:00:00.000Z',
      '2026-12-27T03:00:00.000Z',
      '2026-12-28T03:00:00.000Z',
      '2026-12-29T03:00:00.000Z',
      '2026-12-30T03:00:00.000Z',
      '2026-12-31T15:00:00.000Z',
    ]);
  });

  it('counts periods that hold a point, not calendar periods: gaps do not shorten what is kept', () => {
    // A point every third day: 7 daily points span 19 days.
    const points = history('2026-06-01T02:00:00Z', 20, 72);
    const kept = retainedPoints(points, { daily: 7, weekly: 0, monthly: 0 }, 'UTC');
    assert.deepEqual([...kept].sort(), ['p13', 'p14', 'p15', 'p16', 'p17', 'p18', 'p19']);
  });

  it('reads days in the time zone given', () => {
    // 23:30 and 00:30 UTC: two days in UTC, one day (the newest kept) in Paris (UTC+2 in June).
    const points = [
      { id: 'a', time: new Date('2026-06-10T23:30:00Z') },
      { id: 'b', time: new Date('2026-06-11T00:30:00Z') },
    ];
    assert.deepEqual([...retainedPoints(points, { daily: 2, weekly: 0, monthly: 0 }, 'UTC')].sort(), ['a', 'b']);
    assert.deepEqual([...retainedPoints(points, { daily: 2, weekly: 0, monthly: 0 }, 'Europe/Paris')], ['b']);
  });

  it('keeps ISO weeks across a new year and a point kept by several rules once', () => {
    // 2026-12-28 (Mon) .. 2027-01-03 (Sun) is ISO week 2026-53; 2027-01-04 starts 2027-01.
    const points = history('2026-12-20T12:00:00Z', 20, 24);
    const kept = retainedPoints(points, { daily: 1, weekly: 3, monthly: 2 }, 'UTC');
    assert.deepEqual(times(points, kept), [
      '2026-12-27T12:00:00.000Z', // week 52
      '2026-12-31T12:00:00.000Z', // December
      '2027-01-03T12:00:00.000Z', // week 53
      '2027-01-08T12:00:00.000Z', // newest: day, week 2027-01 and January
    ]);
  });

  it('keeps everything when no rule is set, as restic refuses to forget without one', () => {
    const points = history('2026-06-01T02:00:00Z', 5, 24);
    assert.equal(retainedPoints(points, { daily: 0, weekly: 0, monthly: 0 }, 'UTC').size, 5);
  });
});
