import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SCHEDULE, WEEKDAYS, type BackupSchedule, type Weekday } from './backup.types';
import { checkSubset, cronOf, instantOf, nextRunAt } from './backup-calendar';

const PARIS = 'Europe/Paris';
const at = (iso: string) => new Date(iso);
const schedule = (patch: Partial<BackupSchedule>): BackupSchedule => ({ ...DEFAULT_SCHEDULE, ...patch });

describe('cronOf', () => {
  it('repeats every day at the time, or on the chosen days in cron numbers (Sunday 0)', () => {
    assert.equal(cronOf({ time: '03:00', days: [...WEEKDAYS] }), '0 3 * * *');
    assert.equal(cronOf({ time: '23:45', days: ['sun', 'mon', 'fri'] }), '45 23 * * 0,1,5');
    assert.equal(cronOf({ time: '00:05', days: ['sat'] }), '5 0 * * 6');
  });
});

describe('nextRunAt', () => {
  it('is today at the time when it is still ahead, else the next chosen day', () => {
    // 2026-11-30 is a Monday; Paris is UTC+1 in winter.
    assert.equal(nextRunAt(schedule({}), at('2026-11-30T01:00:00Z'), PARIS)?.toISOString(), '2026-11-30T02:00:00.000Z');
    assert.equal(nextRunAt(schedule({}), at('2026-11-30T02:00:00Z'), PARIS)?.toISOString(), '2026-12-01T02:00:00.000Z');
    const weekly = schedule({ days: ['sun'], time: '22:30' });
    assert.equal(nextRunAt(weekly, at('2026-11-30T05:00:00Z'), PARIS)?.toISOString(), '2026-12-06T21:30:00.000Z');
    // Sunday evening, after the run: a full week later.
    assert.equal(nextRunAt(weekly, at('2026-12-06T21:31:00Z'), PARIS)?.toISOString(), '2026-12-13T21:30:00.000Z');
  });

  it('reads the day in the time zone, not in UTC', () => {
    // 23:30 UTC on Monday is already Tuesday 00:30 in Paris.
    const tuesdays = schedule({ days: ['tue'], time: '01:00' });
    assert.equal(nextRunAt(tuesdays, at('2026-11-30T23:30:00Z'), PARIS)?.toISOString(), '2026-12-01T00:00:00.000Z');
    assert.equal(nextRunAt(tuesdays, at('2026-11-30T23:30:00Z'), 'UTC')?.toISOString(), '2026-12-01T01:00:00.000Z');
  });

  it('keeps the wall-clock time across daylight saving changes, once per day', () => {
    // Paris: 2026-03-29 02:00 -> 03:00 (CET -> CEST), 2026-10-25 03:00 -> 02:00.
    const daily = schedule({ time: '03:00' });
    assert.equal(nextRunAt(daily, at('2026-03-28T03:00:00Z'), PARIS)?.toISOString(), '2026-03-29T01:00:00.000Z');
    assert.equal(nextRunAt(daily, at('2026-03-29T01:00:00Z'), PARIS)?.toISOString(), '2026-03-30T01:00:00.000Z');
    assert.equal(nextRunAt(daily, at('2026-10-24T02:00:00Z'), PARIS)?.toISOString(), '2026-10-25T02:00:00.000Z');
    // 02:30 does not exist on 2026-03-29: it runs once, an hour later by the wall clock.
    const inGap = nextRunAt(schedule({ time: '02:30' }), at('2026-03-28T12:00:00Z'), PARIS);
    assert.equal(inGap?.toISOString(), '2026-03-29T01:30:00.000Z');
    // 02:30 happens twice on 2026-10-25: one run, then the next day.
    const twice = nextRunAt(schedule({ time: '02:30' }), at('2026-10-24T12:00:00Z'), PARIS)!;
    assert.ok(['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z'].includes(twice.toISOString()));
    assert.equal(nextRunAt(schedule({ time: '02:30' }), twice, PARIS)?.toISOString(), '2026-10-26T01:30:00.000Z');
  });

  it('is null when the schedule is disabled', () => {
    assert.equal(nextRunAt(schedule({ enabled: false }), at('2026-11-30T01:00:00Z'), PARIS), null);
  });

  it('turns a wall-clock time into the instant in other zones too', () => {
    assert.equal(
      instantOf({ year: 2026, month: 7, day: 1, hour: 3, minute: 0 }, 'America/New_York').toISOString(),
      '2026-07-01T07:00:00.000Z',
    );
    assert.equal(
      instantOf({ year: 2026, month: 1, day: 1, hour: 3, minute: 0 }, 'Asia/Kolkata').toISOString(),
      '2025-12-31T21:30:00.000Z',
    );
  });
});

describe('checkSubset', () => {
  const days = (from: string, count: number, step = 1) =>
    Array.from({ length: count }, (_, i) => new Date(Date.parse(from) + i * step * 24 * 3600 * 1000));

  it('re-reads one of 30 slices a day when daily: 30 days in a row cover every slice once', () => {
    const subsets = days('2026-11-03T02:00:00Z', 30).map((d) => checkSubset(d, [...WEEKDAYS], PARIS));
    assert.equal(new Set(subsets).size, 30);
    assert.ok(
      subsets.every((s) => /^([1-9]|[12]\d|30)\/30$/.test(s)),
      subsets.join(' '),
    );
    // Consecutive days take consecutive slices, wrapping after 30.
    const n = subsets.map((s) => Number(s.split('/')[0]));
    for (let i = 1; i < n.length; i += 1) assert.equal(n[i], (n[i - 1] % 30) + 1);
  });

  it('takes bigger slices when fewer days are scheduled, still covering everything in about a month', () => {
    const mondays = days('2026-11-02T02:00:00Z', 4, 7).map((d) => checkSubset(d, ['mon'], PARIS));
    assert.deepEqual(new Set(mondays.map((s) => s.split('/')[1])), new Set(['4']));
    assert.equal(new Set(mondays).size, 4);
    const twice: Weekday[] = ['wed', 'sat'];
    const runs = days('2026-11-02T02:00:00Z', 28)
      .filter((d) => ['wed', 'sat'].includes(WEEKDAYS[(d.getUTCDay() + 6) % 7]))
      .map((d) => checkSubset(d, twice, PARIS));
    assert.equal(runs.length, 8);
    assert.equal(new Set(runs).size, 8);
    assert.ok(runs.every((s) => s.endsWith('/8')));
  });
});
