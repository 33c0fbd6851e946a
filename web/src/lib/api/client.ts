import type { FieldError } from './types';

// Over HTTPS the server sets the `__Host-` prefixed cookie (see server/src/auth/session-cookie.ts).
const CSRF_COOKIES = ['__Host-tl_csrf', 'tl_csrf'];
const CSRF_HEADER = 'x-csrf-token';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Any non-2xx answer, or `status: 0` when the server could not be reached at all. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: FieldError[],
    /** From a 429 body's `retryAfterSeconds`, else from the Retry-After header. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiError(error: unknown, ...statuses: number[]): error is ApiError {
  return error instanceof ApiError && (statuses.length === 0 || statuses.includes(error.status));
}

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

function isFieldError(value: unknown): value is FieldError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.field === 'string' && typeof v.code === 'string' && typeof v.message === 'string';
}

function toApiError(response: Response, body: unknown): ApiError {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const rawMessage = b.message;
  const message = Array.isArray(rawMessage)
    ? rawMessage.map(String).join('; ')
    : typeof rawMessage === 'string'
      ? rawMessage
      : response.statusText;
  const errors = Array.isArray(b.errors) ? b.errors.filter(isFieldError) : undefined;
  let retryAfter = typeof b.retryAfterSeconds === 'number' ? b.retryAfterSeconds : undefined;
  const header = response.headers.get('Retry-After');
  if (retryAfter === undefined && header !== null && /^\d+$/.test(header.trim())) {
    retryAfter = Number(header.trim());
  }
  return new ApiError(response.status, message, errors, retryAfter);
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Calls the API with JSON and the session cookie. Non-GET requests carry the CSRF token read
 * from the `tl_csrf` cookie. Resolves with the parsed body (undefined for an empty one, e.g. 204).
 */
export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') {
    const csrf = CSRF_COOKIES.map(readCookie).find((value) => value);
    if (csrf) headers[CSRF_HEADER] = csrf;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    throw new ApiError(0, cause instanceof Error ? cause.message : 'Network error');
  }
  const parsed = await readBody(response);
  if (!response.ok) throw toApiError(response, parsed);
  return parsed as T;
}
