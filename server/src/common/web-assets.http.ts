import type { NextFunction, Request, Response } from 'express';
import { extname, join } from 'node:path';
import { answerFor } from './web-assets';

/**
 * Serves the built web app from `dir`, whose files are `files` (listed once at boot): the precompressed
 * copy the client accepts, with the original's Content-Type, and the cache policy of web-assets.ts.
 * Any other GET outside /api gets index.html (client-side routes).
 */
export function webAssets(dir: string, files: Set<string>) {
  const send = (res: Response, path: string, acceptEncoding: string | undefined): void => {
    const answer = answerFor(path, acceptEncoding, files);
    if (!answer) throw new Error(`not in the web build: ${path}`);
    if (answer.negotiated) res.vary('Accept-Encoding');
    if (answer.encoding) res.setHeader('Content-Encoding', answer.encoding);
    // Set before sendFile, which then keeps it: the type of the original, not of `.br` or `.gz`.
    res.type(extname(path));
    res.setHeader('Cache-Control', answer.cacheControl);
    res.sendFile(join(dir, answer.file), { cacheControl: false, dotfiles: 'deny' });
  };
  return (req: Request, res: Response, next: NextFunction): void => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path === '/api' || req.path.startsWith('/api/')) {
      return next();
    }
    const path = req.path === '/' ? '/index.html' : req.path;
    const found = answerFor(path, undefined, files) ? path : '/index.html';
    // HEAD on an unknown path stays with Nest (a 404), as before; GET falls back to the app.
    if (found !== path && req.method !== 'GET') return next();
    send(res, found, req.headers['accept-encoding']);
  };
}
