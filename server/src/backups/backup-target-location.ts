import { posix } from 'node:path';
import type { RetentionPolicy } from './backup.types';
import type { BackupTarget } from './restic.types';
import { knownHostsLine, parseHostKey } from './ssh-key';

/**
 * Pure: what an admin may give as an off-site backup target, and what of it is kept where. A REST URL
 * may carry a password: the URL a person reads drops it, and the whole URL goes to a secret file. An
 * SFTP place's pinned host key (a known_hosts file) and an S3 place's keys (an AWS credentials file)
 * are that place's secret file too: restic (and the ssh it runs) reads them there, never from its
 * environment or command line.
 */
export const TARGET_KINDS = ['directory', 'rest', 'sftp', 's3'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** The problem codes the API answers (`errors[].code`), translated by the web app. */
export type LocationProblem =
  'notAbsolute' | 'systemPath' | 'notHttpUrl' | 'notSftpLocation' | 'notHostKey' | 'notS3Location' | 'notS3Keys';

/** The fields a problem is about: the location, or a credential given beside it. */
export type LocationField = 'location' | 'hostKey' | 'accessKeyId' | 'secretAccessKey';

/** Credentials given beside the location, never stored in the database. */
export interface TargetCredentials {
  /** sftp: the server's host key, as a public key line or a known_hosts line. */
  hostKey?: string;
  /** s3: the access key pair. */
  accessKeyId?: string;
  secretAccessKey?: string;
}

export interface ParsedLocation {
  /** Shown and stored in the database: a normalised path, or the URL without its password. */
  location: string;
  /**
   * What restic needs that must not be stored in the database, or null: a REST URL with its password,
   * an SFTP place's known_hosts file, an S3 place's credentials file.
   */
  secret: string | null;
}

export interface LocationRefusal {
  problem: LocationProblem;
  /** Absent: the location itself. */
  field?: Exclude<LocationField, 'location'>;
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

export function parseLocation(
  kind: TargetKind,
  raw: string,
  credentials: TargetCredentials = {},
): ParsedLocation | LocationRefusal {
  const text = raw.trim();
  switch (kind) {
    case 'directory':
      return directory(text);
    case 'rest':
      return restUrl(text);
    case 'sftp':
      return sftpPlace(text, credentials);
    case 's3':
      return s3Place(text, credentials);
  }
}

export interface SftpLocation {
  user: string;
  host: string;
  port: number;
  path: string;
}

/**
 * Every part goes into the ssh command restic splits on spaces: a user name, a host name or IPv4
 * address, an absolute path of plain characters.
 */
const SFTP_USER = /^[A-Za-z_][A-Za-z0-9._-]{0,31}$/;
const HOST = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
const REMOTE_PATH = /^\/[\w.~+=,:@/-]*$/;

/** `sftp://user@host[:port]/path` (or restic's `sftp:user@host:/path`), null when it is not one. */
export function parseSftpLocation(text: string): SftpLocation | null {
  const match =
    /^sftp:\/\/([^@/]+)@([^/:]+)(?::(\d{1,5}))?(\/.*)$/.exec(text) ?? /^sftp:([^@/]+)@([^/:]+):()(\/.*)$/.exec(text);
  if (!match) return null;
  const [, user, host, portText, path] = match;
  const port = portText ? Number(portText) : 22;
  if (!SFTP_USER.test(user) || !HOST.test(host) || port < 1 || port > 65535) return null;
  if (!REMOTE_PATH.test(path) || path.split('/').includes('..')) return null;
  const clean = posix.normalize(path).replace(/\/+$/, '') || '/';
  return { user, host: host.toLowerCase(), port, path: clean };
}

export const sftpLocationText = ({ user, host, port, path }: SftpLocation) =>
  `sftp://${user}@${host}${port === 22 ? '' : `:${port}`}${path}`;

function sftpPlace(text: string, credentials: TargetCredentials): ParsedLocation | LocationRefusal {
  const place = parseSftpLocation(text);
  if (!place) return { problem: 'notSftpLocation' };
  const hostKey = parseHostKey(credentials.hostKey ?? '');
  if (!hostKey) return { problem: 'notHostKey', field: 'hostKey' };
  return { location: sftpLocationText(place), secret: knownHostsLine(hostKey) };
}

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const OBJECT_PREFIX = /^[\w.~+=,:@/-]*$/;
/** Printable, and nothing the credentials file would read otherwise (a backquote ends its quoting). */
const S3_KEY = /^[\x21-\x5f\x61-\x7e]{1,256}$/;

/** `https://endpoint[:port]/bucket[/prefix]` (or with restic's `s3:` before it), normalised; null if not. */
export function parseS3Location(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text.replace(/^s3:/, ''));
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !HOST.test(url.hostname)) return null;
  if (url.username || url.password || url.search || url.hash) return null;
  const [bucket, ...prefix] = url.pathname.split('/').slice(1).filter(Boolean);
  if (!bucket || !BUCKET.test(bucket) || prefix.includes('..') || !OBJECT_PREFIX.test(prefix.join('/'))) return null;
  return `${url.origin}/${[bucket, ...prefix].join('/')}`;
}

function s3Place(text: string, credentials: TargetCredentials): ParsedLocation | LocationRefusal {
  const location = parseS3Location(text);
  if (!location) return { problem: 'notS3Location' };
  const { accessKeyId = '', secretAccessKey = '' } = credentials;
  if (!S3_KEY.test(accessKeyId)) return { problem: 'notS3Keys', field: 'accessKeyId' };
  if (!S3_KEY.test(secretAccessKey)) return { problem: 'notS3Keys', field: 'secretAccessKey' };
  return { location, secret: s3CredentialsFile(accessKeyId, secretAccessKey) };
}

/**
 * The AWS credentials file restic's S3 client reads (AWS_SHARED_CREDENTIALS_FILE names it): backquotes
 * keep the values literal (a `#` or `;` would start a comment otherwise).
 */
export const s3CredentialsFile = (accessKeyId: string, secretAccessKey: string) =>
  `[default]\naws_access_key_id = \`${accessKeyId}\`\naws_secret_access_key = \`${secretAccessKey}\`\n`;

function directory(text: string): ParsedLocation | LocationRefusal {
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

function restUrl(text: string): ParsedLocation | LocationRefusal {
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

/** The files under the data directory (relative paths) restic reads for a stored target. */
export interface TargetFiles {
  /** The target's secret file, if it has one. */
  secretFile: string | null;
  /** The appliance's SSH private key (sftp places). */
  sshKeyFile: string;
}

/**
 * What restic is given for a stored target: a REST URL with a password through its secret file only;
 * an SFTP place with the appliance's key and the place's pinned host key; an S3 place with its
 * credentials file.
 */
export function resticTarget(
  row: { kind: TargetKind; location: string; s3PathStyle?: boolean | null },
  files: TargetFiles,
): BackupTarget {
  const secretFile = files.secretFile;
  switch (row.kind) {
    case 'directory':
      return { kind: 'directory', path: row.location };
    case 'rest':
      return secretFile
        ? { kind: 'rest', url: row.location, repositoryFile: secretFile }
        : { kind: 'rest', url: row.location };
    case 'sftp': {
      const place = parseSftpLocation(row.location);
      if (!place || !secretFile) throw new RangeError(`stored sftp place is incomplete: ${row.location}`);
      return { kind: 'sftp', ...place, keyFile: files.sshKeyFile, knownHostsFile: secretFile };
    }
    case 's3':
      if (!secretFile) throw new RangeError(`stored s3 place has no credentials: ${row.location}`);
      return { kind: 's3', url: row.location, credentialsFile: secretFile, pathStyle: row.s3PathStyle === true };
  }
}

/** The content of a secret repository file: restic's own spelling of the repository (`rest:<url>`). */
export const repositoryFileContent = (kind: TargetKind, secret: string) => `${kind}:${secret}`;

/** A target's secret file: restic's repository file for REST, the known_hosts or credentials file as is. */
export const secretFileContent = (kind: TargetKind, secret: string) =>
  kind === 'rest' ? repositoryFileContent(kind, secret) : secret;

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
