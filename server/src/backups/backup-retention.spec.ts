import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pointsOf, runOf, runsToKeep, type RunPoint } from './backup-retention';

/** A run each day at 03:00 local time for `days` days back from 2026-11-30, newest first. */
function nightly(days: number): RunPoint[] {
  return Array.from({ length: days }, (_, i) => ({ run: `d${i}`, time: new Date(2026, 10, 30 - i, 3, 0) }));
}

describe('retention over backup points', () => {
  it('groups snapshots into one point per run, at its earliest snapshot', () => {
    const points = pointsOf([
      { id: 'a', time: '2026-11-30T03:02:00Z', tags: ['run=r1', 'kind=volume'], paths: [] },
      { id: 'b', time: '2026-11-30T03:00:00Z', tags: ['run=r1', 'kind=database'], paths: [] },
      { id: 'c', time: '2026-11-29T03:00:00Z', tags: ['run=r0'], paths: [] },
      { id: 'd', time: '2026-11-28T03:00:00Z', tags: ['manual'], paths: [] },
    ]);
    assert.deepEqual(points, [
      { run: 'r1', time: new Date('2026-11-30T03:00:00Z') },
      { run: 'r0', time: new Date('2026-11-29T03:00:00Z') },
    ]);
    assert.equal(runOf({ tags: ['kind=x'] }), undefined);
  });

  it('keeps 7 daily, 4 weekly and 6 monthly of a year of nightly runs, as restic would', () => {
    const points = nightly(365);
    const keep = runsToKeep(points, { daily: 7, weekly: 4, monthly: 6 });
    const kept = points.filter((p) => keep.has(p.run)).map((p) => p.time.toDateString());
    // 7 days (Nov 24..30); weeks: the newest of each of the 4 newest ISO weeks (Sundays 29, 22, 15, 8 Nov
    // and the running week's Monday 30 is already kept); months: the newest of Nov..Jun.
    assert.deepEqual(kept, [
      'Mon Nov 30 2026',
      'Sun Nov 29 2026',
      'Sat Nov 28 2026',
      'Fri Nov 27 2026',
      'Thu Nov 26 2026',
      'Wed Nov 25 2026',
      'Tue Nov 24 2026',
      'Sun Nov 22 2026',
      'Sun Nov 15 2026',
      'Sat Oct 31 2026',
      'Wed Sep 30 2026',
      'Mon Aug 31 2026',
      'Fri Jul 31 2026',
      'Tue Jun 30 2026',
    ]);
  });

  it('keeps one point a day: the newest of several the same day', () => {
    const points: RunPoint[] = [
      { run: 'morning', time: new Date(2026, 10, 30, 9) },
      { run: 'night', time: new Date(2026, 10, 30, 3) },
      { run: 'yesterday', time: new Date(2026, 10, 29, 3) },
    ];
    assert.deepEqual([...runsToKeep(points, { daily: 2, weekly: 0, monthly: 0 })].sort(), ['morning', 'yesterday']);
  });

  it('counts ISO weeks across a year boundary', () => {
    // Thu 31 Dec 2026 and Fri 1 Jan 2027 are in ISO week 53 of 2026; Mon 4 Jan 2027 starts week 1.
    const points: RunPoint[] = [
      { run: 'mon4', time: new Date(2027, 0, 4, 3) },
      { run: 'fri1', time: new Date(2027, 0, 1, 3) },
      { run: 'thu31', time: new Date(2026, 11, 31, 3) },
      { run: 'sun27', time: new Date(2026, 11, 27, 3) },
    ];
    assert.deepEqual([...runsToKeep(points, { daily: 0, weekly: 3, monthly: 0 })].sort(), ['fri1', 'mon4', 'sun27']);
  });

  it('never deletes with an empty policy', () => {
    assert.equal(runsToKeep(nightly(10), { daily: 0, weekly: 0, monthly: 0 }).size, 10);
  });
});
