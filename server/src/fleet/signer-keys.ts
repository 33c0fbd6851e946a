import type { KeyObject } from 'node:crypto';
import { publicKeyFromBase64 } from '../fleet-link/key-fingerprint';

/**
 * Parsed appliance public keys, by their SPKI text: parsing one costs more than verifying a
 * signature. Keyed by the key itself, not the appliance, so nothing goes stale: the row (status,
 * key) is still read on every request, so a revoked appliance is refused at once. Bounded: past
 * `max` keys the oldest one read is dropped (a Map keeps insertion order).
 */
export class SignerKeys {
  private readonly keys = new Map<string, KeyObject>();

  constructor(private readonly max = 10_000) {}

  /** Throws as publicKeyFromBase64 does for a key that is not Ed25519. */
  get(spki: string): KeyObject {
    let key = this.keys.get(spki);
    if (key) {
      // Moved to the newest end: the appliances that beat stay in.
      this.keys.delete(spki);
    } else {
      key = publicKeyFromBase64(spki);
    }
    this.keys.set(spki, key);
    if (this.keys.size > this.max) this.keys.delete(this.keys.keys().next().value as string);
    return key;
  }

  get size(): number {
    return this.keys.size;
  }
}
