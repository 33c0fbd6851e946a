import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RateLimiter } from '../mail/rate-limit';
import { MAX_PENDING_SIGN_UPS, SIGN_UP_RATE, passwordHasUsername, signUpRefusal } from './sign-up.rules';

describe('open sign-up rules', () => {
  it('refuses when closed, whatever the count, and when the cap is reached', () => {
    assert.equal(signUpRefusal(false, 0), 'closed');
    assert.equal(signUpRefusal(false, 1_000), 'closed');
    assert.equal(signUpRefusal(true, 0), null);
    assert.equal(signUpRefusal(true, MAX_PENDING_SIGN_UPS - 1), null);
    assert.equal(signUpRefusal(true, MAX_PENDING_SIGN_UPS), 'full');
    assert.equal(signUpRefusal(true, 3, 3), 'full');
  });

  it('keeps the cap small enough for an admin to read through', () => {
    assert.ok(MAX_PENDING_SIGN_UPS > 0 && MAX_PENDING_SIGN_UPS <= 100);
  });

  it('a client gets a few sign-ups per window, then waits', () => {
    const limiter = new RateLimiter(SIGN_UP_RATE);
    for (let i = 0; i < SIGN_UP_RATE.limit; i += 1) assert.equal(limiter.take(['ip:a'], 0).ok, true);
    const refused = limiter.take(['ip:a'], 1_000);
    assert.equal(refused.ok, false);
    assert.ok(!refused.ok && refused.retryAfterSeconds > 0);
    assert.equal(limiter.take(['ip:b'], 1_000).ok, true, 'another client is not held up');
    assert.equal(limiter.take(['ip:a'], SIGN_UP_RATE.windowMs).ok, true, 'the window slides');
  });

  it('spots the username in the password, in any case', () => {
    assert.equal(passwordHasUsername('my name is Dominique ok', 'dominique'), true);
    assert.equal(passwordHasUsername('a long enough password', 'dominique'), false);
  });
});
