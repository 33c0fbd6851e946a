import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstProblem, serverProblems, toDraft, validateSchedule, type ScheduleDraft } from './schedule-form';

const DEFAULT = {
  enabled: true,
  time: '03:00',
  days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as ScheduleDraft['days'],
  retention: { daily: 7, weekly: 4, monthly: 6 },
};
const draft = (change: Partial<ScheduleDraft> = {}): ScheduleDraft => ({ ...toDraft(DEFAULT), ...change });

describe('backups: the schedule form', () => {
  it('sends back what it was given, unchanged', () => {
    assert.deepEqual(validateSchedule(draft()), { schedule: DEFAULT, problems: {} });
  });

  it('keeps days in week order and trims what the time field adds', () => {
    const { schedule } = validateSchedule(draft({ days: ['sun', 'mon'], time: '21:45:00', daily: ' 3 ' }));
    assert.deepEqual(schedule?.days, ['mon', 'sun']);
    assert.equal(schedule?.time, '21:45');
    assert.equal(schedule?.retention.daily, 3);
  });

  it('names each bad field with its message, the server’s bounds included', () => {
    const { schedule, problems } = validateSchedule(
      draft({ time: '24:00', days: [], daily: '2.5', weekly: '-1', monthly: '241' }),
    );
    assert.equal(schedule, null);
    assert.deepEqual(problems, {
      time: { key: 'backups.validation.time' },
      days: { key: 'backups.validation.days' },
      daily: { key: 'backups.validation.count', params: { max: 366 } },
      weekly: { key: 'backups.validation.count', params: { max: 520 } },
      monthly: { key: 'backups.validation.count', params: { max: 240 } },
    });
    assert.equal(firstProblem(problems), 'time');
  });

  it('refuses an empty time and empty counts', () => {
    const { problems } = validateSchedule(draft({ time: '', monthly: '' }));
    assert.deepEqual(Object.keys(problems), ['time', 'monthly']);
  });

  it('refuses to keep nothing at all, which would delete every backup', () => {
    const { schedule, problems } = validateSchedule(draft({ daily: '0', weekly: '0', monthly: '0' }));
    assert.equal(schedule, null);
    assert.deepEqual(problems, { retention: { key: 'backups.validation.keepOne' } });
    assert.equal(validateSchedule(draft({ daily: '0', weekly: '0', monthly: '1' })).schedule?.retention.monthly, 1);
  });

  it('a turned-off schedule is still checked: its retention applies to backups made by hand', () => {
    const { schedule } = validateSchedule(draft({ enabled: false }));
    assert.equal(schedule?.enabled, false);
  });

  it('places the server’s field errors on the form’s fields, and keeps the rest apart', () => {
    const { problems, other } = serverProblems([
      { field: 'retention.weekly', code: 'max', message: 'weekly must not be greater than 520' },
      { field: 'time', code: 'matches', message: 'time must be HH:MM (24-hour)' },
      { field: 'enabled', code: 'isBoolean', message: 'enabled must be a boolean value' },
    ]);
    assert.deepEqual(problems, {
      weekly: { key: 'backups.validation.count', params: { max: 520 } },
      time: { key: 'backups.validation.time' },
    });
    assert.deepEqual(other, ['enabled must be a boolean value']);
  });
});
