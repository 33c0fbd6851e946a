import type { EnrollmentCode } from './link.types';

const PREFIX = 'tlup1.';

/** One string to paste (or scan as a QR code): the upstream's address, the token, the key's fingerprint. */
export function encodeEnrollmentCode(code: EnrollmentCode): string {
  return (
    PREFIX + Buffer.from(JSON.stringify({ u: code.url, t: code.token, f: code.fingerprint })).toString('base64url')
  );
}

/** Undefined when the text is not a code this version reads (the caller answers a clear 400). */
export function decodeEnrollmentCode(text: string): EnrollmentCode | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith(PREFIX)) return undefined;
  try {
    const raw = JSON.parse(Buffer.from(trimmed.slice(PREFIX.length), 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    const { u, t, f } = raw;
    if (typeof u !== 'string' || typeof t !== 'string' || typeof f !== 'string') return undefined;
    const url = new URL(u);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    if (!/^[A-Za-z0-9_-]{16,128}$/.test(t) || !/^([0-9a-f]{4}:){7}[0-9a-f]{4}$/.test(f)) return undefined;
    return { url: url.origin + url.pathname.replace(/\/+$/, ''), token: t, fingerprint: f };
  } catch {
    return undefined;
  }
}
