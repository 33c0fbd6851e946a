import { HttpStatus, Logger } from '@nestjs/common';
import { json, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { IncomingMessage } from 'node:http';
import type { ApiErrorBody } from './api-error';

/**
 * Request bodies are sized per route: a few kB everywhere, except the wizard, which carries the
 * community's logo (256 KiB once base64-encoded, see setup.dto.ts). A small limit bounds the parsing
 * and validation work an anonymous client can make the manager do.
 */
export const BODY_LIMITS = { default: 16 * 1024, setup: 400 * 1024 } as const;
const ROUTES_WITH_LOGO = new Set(['/api/setup']);

interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
}

function answer(err: BodyParserError, limit: number): ApiErrorBody {
  switch (err.type ?? '') {
    case 'entity.too.large':
      return {
        statusCode: HttpStatus.PAYLOAD_TOO_LARGE,
        error: 'Payload Too Large',
        message: `The request is too large (at most ${Math.round(limit / 1024)} KiB).`,
      };
    case 'entity.parse.failed':
      return {
        statusCode: HttpStatus.BAD_REQUEST,
        error: 'Bad Request',
        message: 'The request body is not valid JSON.',
      };
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return {
        statusCode: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        error: 'Unsupported Media Type',
        message: 'Send the request body as UTF-8 JSON.',
      };
    default: {
      const status = err.status && err.status >= 400 && err.status < 500 ? err.status : HttpStatus.BAD_REQUEST;
      return { statusCode: status, error: 'Bad Request', message: 'The request body could not be read.' };
    }
  }
}

/** A request with the exact bytes of its JSON body, as received. */
export interface RawBodyRequest extends Request {
  rawBody?: Buffer;
}

/** The upstream's device routes check a signature over the exact bytes sent, not over re-serialised JSON. */
function keepRawBody(
  req: IncomingMessage & { originalUrl?: string; rawBody?: Buffer },
  _res: unknown,
  buf: Buffer,
): void {
  if ((req.originalUrl ?? req.url ?? '').startsWith('/api/fleet/device/')) req.rawBody = buf;
}

/** JSON body parsing with the route's limit; a refused body is answered here in one line, no stack. */
export function jsonBodies(): RequestHandler {
  const logger = new Logger('Http');
  const parsers = {
    default: json({ limit: BODY_LIMITS.default, verify: keepRawBody }),
    setup: json({ limit: BODY_LIMITS.setup }),
  };
  return (req: Request, res: Response, next: NextFunction) => {
    const kind = ROUTES_WITH_LOGO.has(req.path) ? 'setup' : 'default';
    parsers[kind](req, res, (err?: BodyParserError) => {
      if (!err) return next();
      const body = answer(err, BODY_LIMITS[kind]);
      logger.warn(`${req.method} ${req.path}: refused body (${body.statusCode} ${body.error})`);
      // The unread rest of a refused body must not be parsed as the next request on this connection.
      res.setHeader('Connection', 'close');
      res.status(body.statusCode).json(body);
    });
  };
}
