import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Clock } from '../platform/clock';
import { LoginThrottleService, MAX_KEYS, RULES, type ReserveResult } from './login-throttle.service';

class FakeClock extends Clock {
  t = 1_000_000;
  override now(): Date {
    return new Date(this.t);
  }
}

function allowed(result: ReserveResult): boolean {
  return result.ok;
}

describe('LoginThrottleService', () => {
  it('reserves before the outcome is known: parallel attempts cannot all pass', () => {
    const throttle = new LoginThrottleService(new FakeClock());
    const results = Array.from({ length: 20 }, () => throttle.reserve('camille', '203.0.113.5'));
    assert.equal(results.filter(allowed).length, RULES.pair.free);
  });

  it('delays an account+address pair progressively, doubling, after the free failures', () => {
    const clock = new FakeClock();
    const throttle = new LoginThrottleService(clock);
    for (let i = 0; i < RULES.pair.free; i++) assert.ok(throttle.reserve('camille', '203.0.113.5').ok);
    const first = throttle.reserve('camille', '203.0.113.5');
    assert.deepEqual(first, { ok: false, retryAfterSeconds: 1 });
    clock.t += 1000;
    assert.ok(throttle.reserve('camille', '203.0.113.5').ok);
    assert.deepEqual(throttle.reserve('camille', '203.0.113.5'), { ok: false, retryAfterSeconds: 2 });
  });

  it('does not lock the owner out when someone else fails from another address', () => {
    const clock = new FakeClock();
    const throttle = new LoginThrottleService(clock);
    for (let i = 0; i < 200; i++) {
      throttle.reserve('camille', '203.0.113.5');
      clock.t += 100;
    }
    // Distributed guessing is capped at a minute for the account; the owner waits at most that long.
    const owner = throttle.reserve('camille', '198.51.100.7');
    assert.ok(owner.ok || owner.retryAfterSeconds <= RULES.account.maxDelayMs / 1000);
    clock.t += RULES.account.maxDelayMs;
    assert.ok(throttle.reserve('camille', '198.51.100.7').ok);
  });

  it('slows one address that tries many accounts', () => {
    const throttle = new LoginThrottleService(new FakeClock());
    for (let i = 0; i < RULES.address.free; i++) assert.ok(throttle.reserve(`user${i}`, '203.0.113.9').ok);
    assert.equal(throttle.reserve('someone-else', '203.0.113.9').ok, false);
    assert.ok(throttle.reserve('someone-else', '203.0.113.8').ok);
  });

  it('a success clears the pair and the account; a released attempt does not count', () => {
    const throttle = new LoginThrottleService(new FakeClock());
    for (let i = 0; i < RULES.pair.free - 1; i++) throttle.reserve('camille', '10.0.0.1');
    const last = throttle.reserve('camille', '10.0.0.1');
    assert.ok(last.ok);
    throttle.succeeded(last.reservation);
    for (let i = 0; i < RULES.pair.free; i++) {
      const attempt = throttle.reserve('camille', '10.0.0.1');
      assert.ok(attempt.ok);
      throttle.release(attempt.reservation);
    }
  });

  it('forgets keys after quiet time and never holds more than MAX_KEYS', () => {
    const clock = new FakeClock();
    const throttle = new LoginThrottleService(clock);
    for (let i = 0; i < MAX_KEYS; i++) throttle.reserve(`u${i}`, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    assert.ok(throttle.size <= MAX_KEYS);
    clock.t += 16 * 60_000;
    throttle.reserve('camille', '10.0.0.1');
    assert.equal(throttle.size, 3);
  });
});
