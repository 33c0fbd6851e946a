import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger, NotFoundException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ENGINE_UNREACHABLE, EngineUnreachableError } from '../engine/engine.errors';
import { sendMethodNotAllowed } from './allowed-methods';
import { ApiErrorBody, ApiException } from './api-error';

/** The one place errors become HTTP responses. Bodies and secrets are never logged. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  /** `allowed(path)`: the methods a documented path accepts (see allowed-methods.ts). */
  constructor(private readonly allowed: (path: string) => string[] = () => []) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    const methods = this.routerMiss(exception) ? this.allowed(request.path) : [];
    if (methods.length > 0) return sendMethodNotAllowed(response, methods);
    const body = this.toBody(exception);
    if (exception instanceof EngineUnreachableError) {
      // Expected while dockerd restarts or is stopped: one line, no stack.
      this.logger.warn(`Docker engine unreachable: ${exception.message}`);
    } else if (body.statusCode >= 500) {
      const err = exception instanceof Error ? exception : new Error(String(exception));
      this.logger.error(`${err.name}: ${err.message}`, err.stack);
    }
    if (body.retryAfterSeconds) response.setHeader('Retry-After', String(body.retryAfterSeconds));
    response.status(body.statusCode).json(body);
  }

  /** The router found no handler (Nest's own 404), as opposed to a handler answering 404. */
  private routerMiss(exception: unknown): boolean {
    return exception instanceof NotFoundException && !(exception instanceof ApiException);
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof EngineUnreachableError) {
      return {
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'The Docker engine cannot be reached right now; nothing was changed. Try again in a moment.',
        retryAfterSeconds: 10,
        key: ENGINE_UNREACHABLE,
        params: {},
      };
    }
    if (!(exception instanceof HttpException)) {
      return { statusCode: 500, error: 'Internal Server Error', message: 'Unexpected error; see the server log.' };
    }
    const status = exception.getStatus();
    const raw = exception.getResponse();
    if (typeof raw === 'string') return { statusCode: status, error: exception.name, message: raw };
    const obj = raw as Partial<ApiErrorBody> & { message?: string | string[] };
    const message = Array.isArray(obj.message) ? obj.message.join('; ') : (obj.message ?? exception.message);
    return { ...obj, statusCode: status, error: obj.error ?? exception.name, message };
  }
}
