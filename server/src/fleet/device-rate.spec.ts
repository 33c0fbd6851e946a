import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { counterKey, countersFor, DEVICE_LIMITS, scriptArgs, TAKE_SCRIPT, takeResult } from './device-rate';

describe('device rate counters (Redis)', () => {
  it('keeps the budgets: 600 requests a minute, 20 enrollments in 10 minutes, per address', () => {
    assert.deepEqual(DEVICE_LIMITS, {
      any: { limit: 600, windowMs: 60_000 },
      enroll: { limit: 20, windowMs: 600_000 },
    });
  });

  it('takes the general counter first, then the enrollment one, each keyed by kind and address', () => {
    assert.deepEqual(countersFor(false), ['any']);
    assert.deepEqual(countersFor(true), ['any', 'enroll']);
    assert.equal(counterKey('enroll', '2001:db8::1'), 'tl:device-rate:enroll:2001:db8::1');
    assert.notEqual(counterKey('any', '203.0.113.9'), counterKey('enroll', '203.0.113.9'));
    assert.deepEqual(scriptArgs(['any', 'enroll']), ['600', '60000', '20', '600000']);
    // The script reads ARGV in pairs, in the order of KEYS.
    assert.match(TAKE_SCRIPT, /ARGV\[2 \* i - 1\]/);
    assert.match(TAKE_SCRIPT, /ARGV\[2 \* i\]/);
  });

  it('answers as the in-memory limiter did: Retry-After in whole seconds, at least one', () => {
    assert.deepEqual(takeResult(0), { ok: true });
    assert.deepEqual(takeResult(1), { ok: false, retryAfterSeconds: 1 });
    assert.deepEqual(takeResult(59_001), { ok: false, retryAfterSeconds: 60 });
    assert.deepEqual(takeResult(600_000), { ok: false, retryAfterSeconds: 600 });
  });
});
