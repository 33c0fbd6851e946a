import assert from 'node:assert/strict';
import { createPublicKey, createSign, verify } from 'node:crypto';
import { describe, it } from 'node:test';
import { newSigningKey, rotate, type StoredKey } from './oidc-keys';

const NOW = new Date('2026-11-30T12:00:00Z');

function key(kid: string): StoredKey {
  return { jwk: { kid }, createdAt: '2026-11-30T00:00:00.000Z' };
}

describe('OIDC signing keys', () => {
  it('rotation: the new key first (it signs), the previous kept, older ones dropped', () => {
    const ring = { signing: [key('b'), key('a')], cookieKeys: ['c'] };
    const next = rotate(ring, key('c'));
    assert.deepEqual(
      next.signing.map((k) => k.jwk.kid),
      ['c', 'b'],
    );
    assert.deepEqual(next.cookieKeys, ['c']);
    assert.deepEqual(
      rotate({ signing: [key('a')], cookieKeys: [] }, key('b')).signing.map((k) => k.jwk.kid),
      ['b', 'a'],
    );
  });

  it('makes an RS256 private JWK with a fresh kid whose public half verifies its signatures', async () => {
    const [one, two] = [await newSigningKey(NOW), await newSigningKey(NOW)];
    assert.notEqual(one.jwk.kid, two.jwk.kid);
    assert.equal(one.jwk.alg, 'RS256');
    assert.equal(one.jwk.use, 'sig');
    assert.equal(typeof one.jwk.d, 'string');
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = one.jwk;
    const signature = createSign('RSA-SHA256').update('x').sign({ key: one.jwk, format: 'jwk' });
    const verified = createPublicKey({ key: publicJwk, format: 'jwk' });
    assert.ok(verify('RSA-SHA256', Buffer.from('x'), verified, signature));
  });
});
