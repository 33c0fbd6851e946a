import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatRecoveryKey, newRecoveryKey } from './recovery-key';

describe('recovery key', () => {
  it('encodes bytes as RFC 4648 base32 in groups of five', () => {
    // RFC 4648 test vector: "foobar" -> MZXW6YTBOI (padding dropped).
    assert.equal(formatRecoveryKey(Buffer.from('foobar')), 'MZXW6-YTBOI');
    assert.equal(formatRecoveryKey(Buffer.from('f')), 'MY');
  });

  it('makes 200-bit keys of eight groups, different each time', () => {
    const a = newRecoveryKey();
    assert.match(a, /^[A-Z2-7]{5}(-[A-Z2-7]{5}){7}$/);
    assert.notEqual(a, newRecoveryKey());
  });
});
