import { createHash, createPublicKey, type KeyObject } from 'node:crypto';

/**
 * A key's fingerprint as people compare it by eye (dashboard, enrollment code, QR code): SHA-256 of
 * the SPKI DER, first 16 bytes in hex, grouped by four. 128 bits are plenty against a forged key
 * that would have to match it.
 */
export function keyFingerprint(publicKey: KeyObject | string): string {
  const key = typeof publicKey === 'string' ? publicKeyFromBase64(publicKey) : publicKey;
  const der = key.export({ type: 'spki', format: 'der' });
  const hex = createHash('sha256').update(der).digest('hex').slice(0, 32);
  return hex.match(/.{4}/g)!.join(':');
}

/** An Ed25519 public key from its SPKI DER in base64; throws on anything else. */
export function publicKeyFromBase64(spki: string): KeyObject {
  const key = createPublicKey({ key: Buffer.from(spki, 'base64'), format: 'der', type: 'spki' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`not an Ed25519 key (${key.asymmetricKeyType})`);
  return key;
}

export function publicKeyToBase64(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'der' }).toString('base64');
}
