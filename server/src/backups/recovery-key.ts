import { randomBytes } from 'node:crypto';

/** RFC 4648 base32: capitals and 2-7, easy to read aloud and to copy by hand. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** 25 bytes = 200 bits = exactly 40 base32 characters: eight groups of five. */
export const RECOVERY_KEY_BYTES = 25;

/** Pure: the bytes as base32, grouped by five with dashes (the dashes are part of the key). */
export function formatRecoveryKey(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out.match(/.{1,5}/g)?.join('-') ?? '';
}

export function newRecoveryKey(): string {
  return formatRecoveryKey(randomBytes(RECOVERY_KEY_BYTES));
}
