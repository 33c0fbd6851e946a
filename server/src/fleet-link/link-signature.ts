import { createHash, sign, verify, type KeyObject } from 'node:crypto';

/** Headers of a signed link request. */
export const LINK_HEADERS = {
  appliance: 'x-tl-appliance',
  timestamp: 'x-tl-timestamp',
  nonce: 'x-tl-nonce',
  signature: 'x-tl-signature',
} as const;

/** A request older or newer than this is refused: bounds how long a nonce must be remembered. */
export const MAX_SKEW_MS = 5 * 60_000;

export interface SignedParts {
  method: string;
  /** Path and query as sent (e.g. /api/fleet/device/heartbeat). */
  path: string;
  /** The exact body bytes ('' for none). */
  body: string | Buffer;
  timestamp: string;
  nonce: string;
  /** Absent on enroll only. */
  applianceId?: string;
}

/** What is signed: every part that changes the request's meaning, one per line. */
export function canonicalRequest(parts: SignedParts): string {
  const bodyHash = createHash('sha256').update(parts.body).digest('hex');
  return [
    'tl-link-1',
    parts.method.toUpperCase(),
    parts.path,
    parts.applianceId ?? '',
    parts.timestamp,
    parts.nonce,
    bodyHash,
  ].join('\n');
}

export function signRequest(privateKey: KeyObject, parts: SignedParts): Record<string, string> {
  const signature = sign(null, Buffer.from(canonicalRequest(parts)), privateKey).toString('base64');
  return {
    ...(parts.applianceId ? { [LINK_HEADERS.appliance]: parts.applianceId } : {}),
    [LINK_HEADERS.timestamp]: parts.timestamp,
    [LINK_HEADERS.nonce]: parts.nonce,
    [LINK_HEADERS.signature]: signature,
  };
}

export type SignatureProblem = 'missing' | 'skew' | 'bad-signature';

/**
 * Checks the signature and the timestamp only: the caller must still record the nonce atomically
 * (a conditional insert that must add one row) to refuse a replay.
 */
export function checkRequest(
  publicKey: KeyObject,
  parts: Omit<SignedParts, 'timestamp' | 'nonce'> & { timestamp?: string; nonce?: string; signature?: string },
  now: Date,
): SignatureProblem | undefined {
  const { timestamp, nonce, signature } = parts;
  if (!timestamp || !nonce || !signature || !/^[A-Za-z0-9_-]{16,64}$/.test(nonce)) return 'missing';
  const at = Date.parse(timestamp);
  if (!Number.isFinite(at) || Math.abs(now.getTime() - at) > MAX_SKEW_MS) return 'skew';
  const ok = verify(
    null,
    Buffer.from(canonicalRequest({ ...parts, timestamp, nonce })),
    publicKey,
    Buffer.from(signature, 'base64'),
  );
  return ok ? undefined : 'bad-signature';
}
