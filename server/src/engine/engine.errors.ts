/** Typed engine errors; nothing outside engine.repository.ts sees dockerode's error shapes. */

export class EngineError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = new.target.name;
  }
}

/** The engine socket or port cannot be reached (not running, wrong path, no permission). */
export class EngineUnreachableError extends EngineError {}

/** The message key every layer uses for an unreachable engine (API errors, job errors, health). */
export const ENGINE_UNREACHABLE = 'engineUnreachable';

/** The container, image, volume or network does not exist. */
export class EngineNotFoundError extends EngineError {}

/** Name already in use, container already being removed, volume in use... */
export class EngineConflictError extends EngineError {}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOENT',
  'EACCES',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);

function field(error: unknown, key: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[key] : undefined;
}

/** The engine's own message when it sent one (`{"message": ...}`), else the error's. */
function engineMessage(error: unknown): string {
  const json = field(error, 'json');
  const fromJson = field(json, 'message');
  if (typeof fromJson === 'string' && fromJson) return fromJson;
  const message = field(error, 'message');
  return typeof message === 'string' && message ? message : String(error);
}

/** Maps a dockerode/docker-modem error to a typed one. `what` says what was attempted, for the message. */
export function toEngineError(error: unknown, what: string): EngineError {
  if (error instanceof EngineError) return error;
  const status = field(error, 'statusCode');
  const code = field(error, 'code');
  const detail = engineMessage(error);
  if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) {
    return new EngineUnreachableError(`${what}: the container engine is unreachable (${code}): ${detail}`, error);
  }
  if (status === 404) return new EngineNotFoundError(`${what}: not found: ${detail}`, error);
  if (status === 409) return new EngineConflictError(`${what}: conflict: ${detail}`, error);
  return new EngineError(`${what}: ${detail}`, error);
}

/** 304 from start/stop means "already in that state", which is success for an idempotent executor. */
export function isNotModified(error: unknown): boolean {
  return field(error, 'statusCode') === 304;
}
