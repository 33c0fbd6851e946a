import { createHash } from 'node:crypto';

/** JSON-compatible value, the only shape rendered configs take. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json | undefined };

/**
 * JSON with object keys sorted at every level, so equal configs always serialize (and hash) equally,
 * whatever order they were built in. Undefined members are dropped, as JSON.stringify does.
 */
export function canonicalJson(value: Json): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${(value as readonly Json[]).map((item) => canonicalJson(item)).join(',')}]`;
  const record = value as { readonly [key: string]: Json | undefined };
  const members = Object.keys(record)
    .sort()
    .filter((key) => record[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key] as Json)}`);
  return `{${members.join(',')}}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Stable hash of a config; the engine puts it in the config-hash label. */
export function configHash(value: Json): string {
  return sha256Hex(canonicalJson(value));
}

/**
 * Minimal block-style YAML emitter. Strings are always double-quoted with JSON escapes (valid YAML),
 * so no setting can inject YAML structure; output is deterministic because key order is preserved.
 */
export function toYaml(value: Json, indent = 0): string {
  const pad = ' '.repeat(indent);
  if (value === null || typeof value !== 'object') return `${pad}${scalar(value)}\n`;
  if (Array.isArray(value)) {
    const items = value as readonly Json[];
    if (items.length === 0) return `${pad}[]\n`;
    return items.map((item) => `${pad}-${nested(item, indent + 2)}`).join('');
  }
  const record = value as { readonly [key: string]: Json | undefined };
  const keys = Object.keys(record).filter((key) => record[key] !== undefined);
  if (keys.length === 0) return `${pad}{}\n`;
  return keys.map((key) => `${pad}${JSON.stringify(key)}:${nested(record[key] as Json, indent + 2)}`).join('');
}

function nested(value: Json, indent: number): string {
  if (value !== null && typeof value === 'object') {
    const empty = Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
    if (empty) return ` ${Array.isArray(value) ? '[]' : '{}'}\n`;
    return `\n${toYaml(value, indent)}`;
  }
  return ` ${scalar(value)}\n`;
}

function scalar(value: null | boolean | number | string): string {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('cannot render a non-finite number');
  return value === null ? 'null' : JSON.stringify(value);
}
