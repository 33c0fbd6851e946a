import { HttpException, HttpStatus } from '@nestjs/common';

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/** One error shape for every 4xx: a message a volunteer can act on, and per-field details. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  errors?: FieldError[];
  retryAfterSeconds?: number;
  /** An outside system's own words (an SMTP relay's answer), for whoever fixes it; never a secret. */
  details?: string;
  /** The message as a key the web app translates (`error.<key>`), with its parameters; `message` stays for scripts. */
  key?: string;
  params?: Record<string, string | number>;
}

export class ApiException extends HttpException {
  constructor(status: HttpStatus, message: string, extra: Partial<ApiErrorBody> = {}) {
    super({ statusCode: status, error: HttpStatus[status] ?? 'Error', message, ...extra }, status);
  }
}

export function fieldErrors(errors: FieldError[]): ApiException {
  const names = errors.map((e) => e.field).join(', ');
  return new ApiException(HttpStatus.BAD_REQUEST, `Invalid fields: ${names}`, { errors });
}
