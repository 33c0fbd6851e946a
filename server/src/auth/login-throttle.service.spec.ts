import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Clock } from '../common/clock';
import { LoginThrottleService, MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_USER } from './login-throttle.service';

class FakeClock extends Clock {
  t = 1_000_000;
  override now(): Date {
    return new Date(this.t);
  }
}

describe('LoginThrottleService', () => {
  it('locks a username after the allowed failures until the window ends', () => {
    const clock = new FakeClock();
    const throttle = new LoginThrottleService(clock);
    for (let i = 0; i < MAX_FAILURES_PER_USER; i++) {
      assert.equal(throttle.retryAfter('Camille', '10.0.0.1'), 0);
      throttle.recordFailure('Camille', '10.0.0.1');
    }
    assert.equal(throttle.retryAfter('camille', '10.0.0.2'), 15 * 60);
    clock.t += 10 * 60 * 1000;
    assert.equal(throttle.retryAfter('camille', '10.0.0.2'), 5 * 60);
    clock.t += 5 * 60 * 1000;
    assert.equal(throttle.retryAfter('camille', '10.0.0.2'), 0);
  });

  it('locks an address that tries many usernames', () => {
    const throttle = new LoginThrottleService(new FakeClock());
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) throttle.recordFailure(`user${i}`, '10.0.0.9');
    assert.ok(throttle.retryAfter('someone-else', '10.0.0.9') > 0);
    assert.equal(throttle.retryAfter('someone-else', '10.0.0.8'), 0);
  });

  it('forgets a username after a success', () => {
    const throttle = new LoginThrottleService(new FakeClock());
    for (let i = 0; i < MAX_FAILURES_PER_USER - 1; i++) throttle.recordFailure('camille', '10.0.0.1');
    throttle.recordSuccess('camille');
    throttle.recordFailure('camille', '10.0.0.1');
    assert.equal(throttle.retryAfter('camille', '10.0.0.3'), 0);
  });
});
