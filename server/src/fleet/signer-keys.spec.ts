import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { publicKeyToBase64 } from '../fleet-link/key-fingerprint';
import { SignerKeys } from './signer-keys';

const spki = () => publicKeyToBase64(generateKeyPairSync('ed25519').publicKey);

describe('SignerKeys (parsed appliance keys)', () => {
  it('parses a key once and answers the same object after', () => {
    const keys = new SignerKeys();
    const text = spki();
    const first = keys.get(text);
    assert.equal(first.asymmetricKeyType, 'ed25519');
    assert.equal(keys.get(text), first);
  });

  it('keeps at most max keys, dropping the one read longest ago', () => {
    const keys = new SignerKeys(2);
    const [a, b, c] = [spki(), spki(), spki()];
    const parsedA = keys.get(a);
    keys.get(b);
    keys.get(a); // a read again: b is now the oldest
    keys.get(c);
    assert.equal(keys.size, 2);
    assert.equal(keys.get(a), parsedA, 'a stayed');
  });

  it('refuses what is not an Ed25519 key, and keeps nothing of it', () => {
    const keys = new SignerKeys();
    assert.throws(() => keys.get('bm90IGEga2V5'));
    assert.equal(keys.size, 0);
  });
});
