import type { CookieOptions, Request, Response } from 'express';
import { CSRF_COOKIE, IssuedSession, SESSION_COOKIE } from './auth.types';

/**
 * Over HTTPS the cookies are Secure and carry the `__Host-` prefix, which browsers accept only from a
 * secure origin, for path `/` and without a Domain: a page on a sibling subdomain (a service) or a
 * plain-HTTP response cannot set or shadow them. Over plain HTTP (the wizard through an SSH tunnel,
 * a LAN without TLS) the plain names are used. `req.secure` is true only when the browser reached us
 * over HTTPS, directly or through a trusted proxy (see trusted-proxies.ts).
 */
export function cookieName(base: string, secure: boolean): string {
  return secure ? `__Host-${base}` : base;
}

function options(req: Request, expires: Date): CookieOptions {
  return { sameSite: 'strict', secure: req.secure, path: '/', expires };
}

/** The session token a request carries; a plain-name cookie is ignored on a secure request. */
export function readSessionCookie(req: Request): string | undefined {
  const cookies = (req.cookies as Record<string, string> | undefined) ?? {};
  return cookies[cookieName(SESSION_COOKIE, req.secure)] || undefined;
}

export function setSessionCookies(req: Request, res: Response, session: IssuedSession): void {
  res.cookie(cookieName(SESSION_COOKIE, req.secure), session.token, {
    ...options(req, session.expiresAt),
    httpOnly: true,
  });
  // Readable by the web app, which echoes it in a header: the double-submit CSRF defence.
  res.cookie(cookieName(CSRF_COOKIE, req.secure), session.csrfToken, {
    ...options(req, session.expiresAt),
    httpOnly: false,
  });
}

export function clearSessionCookies(req: Request, res: Response): void {
  const past = new Date(0);
  res.cookie(cookieName(SESSION_COOKIE, req.secure), '', { ...options(req, past), httpOnly: true });
  res.cookie(cookieName(CSRF_COOKIE, req.secure), '', { ...options(req, past), httpOnly: false });
}
