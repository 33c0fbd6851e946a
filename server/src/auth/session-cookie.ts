import type { CookieOptions, Request, Response } from 'express';
import { CSRF_COOKIE, IssuedSession, SESSION_COOKIE } from './auth.types';

function base(req: Request, expires: Date): CookieOptions {
  // Secure whenever the browser reached us over HTTPS (directly, or through a trusted proxy).
  return { sameSite: 'strict', secure: req.secure, path: '/', expires };
}

export function setSessionCookies(req: Request, res: Response, session: IssuedSession): void {
  res.cookie(SESSION_COOKIE, session.token, { ...base(req, session.expiresAt), httpOnly: true });
  // Readable by the web app, which echoes it in a header: the double-submit CSRF defence.
  res.cookie(CSRF_COOKIE, session.csrfToken, { ...base(req, session.expiresAt), httpOnly: false });
}

export function clearSessionCookies(req: Request, res: Response): void {
  const past = new Date(0);
  res.cookie(SESSION_COOKIE, '', { ...base(req, past), httpOnly: true });
  res.cookie(CSRF_COOKIE, '', { ...base(req, past), httpOnly: false });
}
