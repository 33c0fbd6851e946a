import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeEmail, RESET_TOKEN_SHAPE, RESET_TTL_MINUTES, resetExpiry, resetState } from './password-reset.rules';
import { randomToken } from '../common/tokens';

const NOW = new Date('2026-11-30T10:00:00.000Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);

describe('password reset rules', () => {
  it('a link lasts RESET_TTL_MINUTES, and no more than an hour', () => {
    assert.equal(resetExpiry(NOW).getTime() - NOW.getTime(), RESET_TTL_MINUTES * 60_000);
    assert.ok(RESET_TTL_MINUTES <= 60);
  });

  it('is valid until its expiry instant, then expired', () => {
    assert.equal(resetState({ expiresAt: at(1), usedAt: null }, NOW), 'valid');
    assert.equal(resetState({ expiresAt: NOW, usedAt: null }, NOW), 'expired');
  });

  it('a used link says used, even after its expiry', () => {
    assert.equal(resetState({ expiresAt: at(60_000), usedAt: NOW }, NOW), 'used');
    assert.equal(resetState({ expiresAt: at(-1), usedAt: at(-10) }, NOW), 'used');
  });

  it('takes the tokens it makes and nothing that could be a path or a query', () => {
    assert.ok(RESET_TOKEN_SHAPE.test(randomToken()));
    for (const bad of ['', 'short', '../../../../etc/passwd0000000000', 'a'.repeat(101), `${'a'.repeat(30)}?x=1`]) {
      assert.ok(!RESET_TOKEN_SHAPE.test(bad), bad);
    }
  });

  it('compares addresses without case or outer spaces', () => {
    assert.equal(normalizeEmail('  Dominique@Example.ORG '), 'dominique@example.org');
  });
});
