import { isISO8601 } from 'class-validator';
import { fieldErrors, type FieldError } from '../common/api-error';
import type { Heartbeat, HeartbeatService, ServiceHealth } from '../fleet-link/link.types';

/** The limits HeartbeatDto documents (dto/device.dto.ts): both are checked against each other by the spec. */
export const HEARTBEAT_LIMITS = { text: 64, services: 50 } as const;
export const HEALTHS: readonly ServiceHealth[] = ['healthy', 'unhealthy', 'starting', 'unknown'];

const BEAT_KEYS = new Set(['version', 'services', 'diskFreeBytes', 'lastBackupAt']);
const SERVICE_KEYS = new Set(['name', 'state', 'health']);

type Errors = FieldError[];
const NOT_NESTED = 'each value in nested property services must be either object or array';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownKeys(value: Record<string, unknown>, allowed: Set<string>, parent: string, errors: Errors): void {
  for (const key of Object.keys(value)) {
    if (allowed.has(key)) continue;
    const field = parent ? `${parent}.${key}` : key;
    errors.push({ field, code: 'whitelistValidation', message: `property ${field} should not exist` });
  }
}

function text(value: unknown, field: string, errors: Errors): void {
  if (typeof value !== 'string') errors.push({ field, code: 'isString', message: `${field} must be a string` });
  if (typeof value !== 'string' || value.length > HEARTBEAT_LIMITS.text) {
    const message = `${field} must be shorter than or equal to ${HEARTBEAT_LIMITS.text} characters`;
    errors.push({ field, code: 'maxLength', message });
  }
}

function service(value: unknown, field: string, errors: Errors): void {
  if (!isObject(value)) {
    errors.push({ field, code: 'nestedValidation', message: NOT_NESTED });
    return;
  }
  unknownKeys(value, SERVICE_KEYS, field, errors);
  text(value.name, `${field}.name`, errors);
  text(value.state, `${field}.state`, errors);
  if (!HEALTHS.includes(value.health as ServiceHealth)) {
    const message = `${field}.health must be one of the following values: ${HEALTHS.join(', ')}`;
    errors.push({ field: `${field}.health`, code: 'isIn', message });
  }
}

/**
 * The heartbeat body, checked by hand: the one body an upstream receives thousands of times a minute,
 * where class-transformer and class-validator cost more than the signature check. Same rules, codes
 * and messages as HeartbeatDto under the global ValidationPipe (unknown fields refused); a field
 * error names every bad field at once.
 */
export function checkHeartbeat(body: unknown): Heartbeat {
  const errors: Errors = [];
  const beat = isObject(body) ? body : {};
  if (!isObject(body)) {
    errors.push({ field: 'body', code: 'isObject', message: 'the body must be a JSON object' });
  }
  unknownKeys(beat, BEAT_KEYS, '', errors);
  text(beat.version, 'version', errors);
  const services = beat.services;
  if (!Array.isArray(services)) {
    errors.push({ field: 'services', code: 'isArray', message: 'services must be an array' });
  }
  if (!Array.isArray(services) || services.length > HEARTBEAT_LIMITS.services) {
    const message = `services must contain no more than ${HEARTBEAT_LIMITS.services} elements`;
    errors.push({ field: 'services', code: 'arrayMaxSize', message });
  }
  if (Array.isArray(services)) services.forEach((s, i) => service(s, `services.${i}`, errors));
  else if (services !== undefined && !isObject(services)) {
    errors.push({ field: 'services', code: 'nestedValidation', message: NOT_NESTED });
  }
  const disk = beat.diskFreeBytes;
  if (disk !== null) {
    if (!Number.isInteger(disk)) {
      errors.push({ field: 'diskFreeBytes', code: 'isInt', message: 'diskFreeBytes must be an integer number' });
    }
    if (typeof disk !== 'number' || disk < 0) {
      errors.push({ field: 'diskFreeBytes', code: 'min', message: 'diskFreeBytes must not be less than 0' });
    }
  }
  const backup = beat.lastBackupAt;
  if (backup !== null && (typeof backup !== 'string' || !isISO8601(backup, { strict: true }))) {
    const message = 'lastBackupAt must be a valid ISO 8601 date string';
    errors.push({ field: 'lastBackupAt', code: 'isIso8601', message });
  }
  if (errors.length > 0) throw fieldErrors(errors);
  return {
    version: beat.version as string,
    services: (services as HeartbeatService[]).map(({ name, state, health }) => ({ name, state, health })),
    diskFreeBytes: disk as number | null,
    lastBackupAt: backup as string | null,
  };
}
