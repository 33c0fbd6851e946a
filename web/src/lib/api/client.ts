import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

type FieldError = components['schemas']['FieldErrorDto'];

// Over HTTPS the server sets the `__Host-` prefixed cookie (see server/src/auth/session-cookie.ts).
const CSRF_COOKIES = ['__Host-tl_csrf', 'tl_csrf'];
const CSRF_HEADER = 'x-csrf-token';

/** Any non-2xx answer, or `status: 0` when the server could not be reached at all. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: FieldError[],
    /** From a 429 body's `retryAfterSeconds`, else from the Retry-After header. */
    readonly retryAfterSeconds?: number,
    /** An outside system's own words (the mail relay's answer), shown folded as technical details. */
    readonly details?: string,
    /** The message as a key (`error.<key>`) with its parameters, when the server names one. */
    readonly key?: string,
    readonly params?: Record<string, string | number>,
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
  const details = typeof b.details === 'string' ? b.details : undefined;
  const key = typeof b.key === 'string' ? b.key : undefined;
  const params = typeof b.params === 'object' && b.params !== null ? (b.params as Record<string, string | number>) : {};
  return new ApiError(response.status, message, errors, retryAfter, details, key, params);
}

/** Writes carry the CSRF token the server set in a cookie (double-submit). */
const csrf: Middleware = {
  onRequest({ request }) {
    if (request.method === 'GET' || request.method === 'HEAD') return undefined;
    const token = CSRF_COOKIES.map(readCookie).find((value) => value);
    if (token) request.headers.set(CSRF_HEADER, token);
    return request;
  },
  /** The request never got an answer (offline, server down): status 0. */
  onError({ error }) {
    return new ApiError(0, error instanceof Error ? error.message : 'Network error');
  },
};

/** The typed client generated from the OpenAPI document: same-origin, with the session cookie. */
export const client = createClient<paths>({
  baseUrl: '',
  credentials: 'same-origin',
  headers: { Accept: 'application/json' },
});
client.use(csrf);

/** What each `client.GET/POST/...` resolves with, whatever the route. */
interface Answer<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/**
 * Resolves with the body of a 2xx answer (undefined for an empty one, e.g. 204), throws an ApiError
 * with the server's message, field errors and retry delay for any other.
 */
export async function call<D>(pending: Promise<Answer<D>>): Promise<D> {
  const { data, error, response } = await pending;
  if (!response.ok) throw toApiError(response, error);
  return data as D;
}
