import { posix } from 'node:path';
import type { RetentionPolicy } from './backup.types';
import type { BackupTarget } from './restic.types';

/**
 * Pure: what an admin may give as an off-site backup target, and what of it is kept where. A REST URL
 * may carry a password: the URL a person reads drops it, and the whole URL goes to a secret file.
 */
export const TARGET_KINDS = ['directory', 'rest', 'sftp', 's3'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];
/** sftp and s3 are in the contract but need credentials files not built yet: refused with `kindNotYet`. */
export const SUPPORTED_TARGET_KINDS: readonly TargetKind[] = ['directory', 'rest'];

/** The problem codes the API answers (`errors[].code`), translated by the web app. */
export type LocationProblem = 'kindNotYet' | 'notAbsolute' | 'systemPath' | 'notHttpUrl';

export interface ParsedLocation {
  /** Shown and stored in the database: a normalised path, or the URL without its password. */
  location: string;
  /** What restic needs that must not be stored in the database (the URL with its password), or null. */
  secret: string | null;
}

/**
 * Host directories a target may never be: restic's container binds the path read-write, and the
 * Docker socket is root on the host, so the system's own directories are refused outright.
 */
const SYSTEM_PATHS = [
  '/bin',
  '/boot',
  '/dev',
  '/etc',
  '/lib',
  '/lib32',
  '/lib64',
  '/proc',
  '/root',
  '/run',
  '/sbin',
  '/sys',
  '/usr',
  '/var/lib/docker',
  '/var/run',
];

export function parseLocation(kind: TargetKind, raw: string): ParsedLocation | { problem: LocationProblem } {
  if (!SUPPORTED_TARGET_KINDS.includes(kind)) return { problem: 'kindNotYet' };
  const text = raw.trim();
  return kind === 'directory' ? directory(text) : restUrl(text);
}

function directory(text: string): ParsedLocation | { problem: LocationProblem } {
  // Absolute, no `..` (it would make the prefix check below meaningless), no control characters.
  if (!text.startsWith('/') || text.split('/').includes('..') || [...text].some((c) => c.charCodeAt(0) < 0x20)) {
    return { problem: 'notAbsolute' };
  }
  const path = posix.normalize(text).replace(/\/+$/, '') || '/';
  if (path === '/' || SYSTEM_PATHS.some((p) => path === p || path.startsWith(`${p}/`))) {
    return { problem: 'systemPath' };
  }
  return { location: path, secret: null };
}

function restUrl(text: string): ParsedLocation | { problem: LocationProblem } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: 'notHttpUrl' };
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname || url.search || url.hash) {
    return { problem: 'notHttpUrl' };
  }
  const secret = url.password ? url.href : null;
  url.password = '';
  return { location: url.href, secret };
}

/** The stored retention: all three counts, or null for "keep everything". */
export function retentionOf(row: {
  keepDaily: number | null;
  keepWeekly: number | null;
  keepMonthly: number | null;
}): RetentionPolicy | null {
  const { keepDaily: daily, keepWeekly: weekly, keepMonthly: monthly } = row;
  return daily === null || weekly === null || monthly === null ? null : { daily, weekly, monthly };
}

/** What restic is given for a stored target: a REST URL with a password through its secret file only. */
export function resticTarget(row: { kind: TargetKind; location: string }, repositoryFile: string | null): BackupTarget {
  switch (row.kind) {
    case 'directory':
      return { kind: 'directory', path: row.location };
    case 'rest':
      return repositoryFile ? { kind: 'rest', url: row.location, repositoryFile } : { kind: 'rest', url: row.location };
    case 'sftp':
    case 's3':
      return { kind: row.kind, url: row.location };
  }
}

/** The content of a secret repository file: restic's own spelling of the repository (`rest:<url>`). */
export const repositoryFileContent = (kind: TargetKind, secret: string) => `${kind}:${secret}`;

/** A retention run: targets with a policy are forgotten on with it; the others keep everything (no call). */
export function forgetPlan<T extends { retention: RetentionPolicy | null }>(
  targets: readonly T[],
): { forget: Array<{ target: T; policy: RetentionPolicy }>; keepAll: T[] } {
  const forget: Array<{ target: T; policy: RetentionPolicy }> = [];
  const keepAll: T[] = [];
  for (const target of targets) {
    if (target.retention) forget.push({ target, policy: target.retention });
    else keepAll.push(target);
  }
  return { forget, keepAll };
}
