import type { NextFunction, Request, Response } from 'express';

/**
 * The web app is one bundle served by the manager: scripts, styles and API calls all come from our
 * own origin. Inline styles stay allowed for Svelte's style attributes; images may be data: URLs
 * (the community's logo). Nothing may frame the dashboard.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** One year; sent only on requests that arrived over HTTPS, so a plain-HTTP LAN setup is never pinned. */
const HSTS = 'max-age=31536000';

export function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'same-origin');
  if (req.secure) res.setHeader('Strict-Transport-Security', HSTS);
  next();
}
