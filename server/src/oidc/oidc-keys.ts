import { generateKeyPair, randomBytes, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';

/** A private signing key as a JWK (RS256), with the time it was made. */
export interface StoredKey {
  jwk: Record<string, unknown> & { kid: string };
  createdAt: string;
}

/** The provider's keys file: signing keys (newest first) and the keys that sign its cookies. */
export interface OidcKeyring {
  signing: StoredKey[];
  cookieKeys: string[];
}

const generate = promisify(generateKeyPair);

export async function newSigningKey(now: Date): Promise<StoredKey> {
  const { privateKey } = await generate('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' }) as Record<string, unknown>;
  return { jwk: { ...jwk, kid: randomUUID(), alg: 'RS256', use: 'sig' }, createdAt: now.toISOString() };
}

export function newCookieKey(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Rotation: the new key signs from now on (oidc-provider signs with the first key of the set); the
 * previous one stays published so tokens it signed still verify; any older one is dropped.
 */
export function rotate(keyring: OidcKeyring, fresh: StoredKey): OidcKeyring {
  return { ...keyring, signing: [fresh, ...keyring.signing.slice(0, 1)] };
}
