import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RateLimiter } from './rate-limit';

describe('rate limiter', () => {
  it('allows `limit` takes per window, then says how long to wait', () => {
    const limiter = new RateLimiter({ limit: 3, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) assert.deepEqual(limiter.take(['a'], 1_000 + i), { ok: true });
    assert.deepEqual(limiter.take(['a'], 2_000), { ok: false, retryAfterSeconds: 59 });
    assert.deepEqual(limiter.take(['b'], 2_000), { ok: true }, 'other keys are not affected');
    assert.deepEqual(limiter.take(['a'], 61_000), { ok: true }, 'the oldest take left the window');
  });

  it('takes nothing when any key is spent', () => {
    const limiter = new RateLimiter({ limit: 1, windowMs: 10_000 });
    assert.deepEqual(limiter.take(['x'], 0), { ok: true });
    assert.equal(limiter.take(['y', 'x'], 1).ok, false);
    assert.deepEqual(limiter.take(['y'], 2), { ok: true }, 'y was not counted by the refused take');
  });

  it('keeps memory bounded under a flood of keys', () => {
    const limiter = new RateLimiter({ limit: 1, windowMs: 1_000_000 });
    for (let i = 0; i < 10_050; i++) limiter.take([`k${i}`], i);
    assert.ok(limiter.size <= 10_000);
  });
});
