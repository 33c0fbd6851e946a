import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldNames, withoutProblem } from './form-problems';

describe('form problems', () => {
  it('editing a field clears its problem, and a retention count the group one too', () => {
    const problems = { time: { key: 'a' }, daily: { key: 'b' }, retention: { key: 'c' } } as never;
    assert.deepEqual(Object.keys(withoutProblem<string>(problems, 'time')), ['daily', 'retention']);
    assert.deepEqual(Object.keys(withoutProblem<string>(problems, 'daily')), ['time']);
  });

  it('names the field ids and what aria-describedby reads: the hint, then the problem', () => {
    let problems: Record<string, unknown> = {};
    const { fieldId, describedBy } = fieldNames<string>('form', () => problems as never);
    assert.equal(fieldId('time'), 'form-time');
    assert.equal(describedBy('time'), undefined);
    assert.equal(describedBy('time', 'form-time-hint'), 'form-time-hint');
    problems = { time: { key: 'a' } };
    assert.equal(describedBy('time', 'form-time-hint'), 'form-time-hint form-time-error');
  });
});
