import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { ApiErrorBody } from './api-error';

/** The one place errors become HTTP responses. Bodies and secrets are never logged. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      const err = exception instanceof Error ? exception : new Error(String(exception));
      this.logger.error(`${err.name}: ${err.message}`, err.stack);
    }
    if (body.retryAfterSeconds) response.setHeader('Retry-After', String(body.retryAfterSeconds));
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
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
