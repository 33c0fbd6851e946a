import {
  ResticError,
  type ResticBackupSummary,
  type ResticFailure,
  type ResticKey,
  type ResticSnapshot,
  type ResticStatus,
} from './restic.types';

/**
 * Pure readers of restic's output (`--json`): one JSON message a line for `backup`, one JSON document
 * for `snapshots`, plain text on stderr when it fails. Kept apart so they are tested without restic.
 */

export type ResticMessage =
  | { type: 'status'; status: ResticStatus }
  | { type: 'summary'; summary: ResticBackupSummary }
  | { type: 'error'; message: string }
  | { type: 'other' };

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** One line of `restic backup --json`; anything that is not a JSON object (a warning) is `other`. */
export function parseResticLine(line: string): ResticMessage {
  const text = line.trim();
  if (!text.startsWith('{')) return { type: 'other' };
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { type: 'other' };
  }
  switch (value.message_type) {
    case 'status':
      return {
        type: 'status',
        status: {
          percentDone: Math.min(Math.max(num(value.percent_done), 0), 1),
          bytesDone: num(value.bytes_done),
          totalBytes: num(value.total_bytes),
        },
      };
    case 'summary':
      return {
        type: 'summary',
        summary: {
          snapshotId: typeof value.snapshot_id === 'string' ? value.snapshot_id : '',
          totalBytesProcessed: num(value.total_bytes_processed),
          dataAdded: num(value.data_added),
        },
      };
    case 'error': {
      const error = value.error as { message?: unknown } | undefined;
      const message = typeof error?.message === 'string' ? error.message : JSON.stringify(value.error ?? value);
      const item = typeof value.item === 'string' ? `${value.item}: ` : '';
      return { type: 'error', message: `${item}${message}` };
    }
    default:
      return { type: 'other' };
  }
}

/** `restic snapshots --json`: a JSON array (restic prints `null` or nothing when there is none). */
export function parseSnapshots(output: string): ResticSnapshot[] {
  const text = output.trim();
  if (text === '' || text === 'null') return [];
  const list = JSON.parse(text) as unknown;
  if (!Array.isArray(list)) throw new SyntaxError('restic snapshots: expected a JSON array');
  const str = (value: unknown) => (typeof value === 'string' ? value : '');
  const strings = (value: unknown) =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  return list.map((raw) => {
    const entry = raw as Record<string, unknown>;
    return { id: str(entry.id), time: str(entry.time), tags: strings(entry.tags), paths: strings(entry.paths) };
  });
}

/** `restic key list --json`: each key's (short) id, and whether it is the one the call opened with. */
export function parseKeys(output: string): ResticKey[] {
  const list = JSON.parse(output.trim() || '[]') as unknown;
  if (!Array.isArray(list)) throw new SyntaxError('restic key list: expected a JSON array');
  return list.map((raw) => {
    const entry = raw as Record<string, unknown>;
    return { id: typeof entry.id === 'string' ? entry.id : '', current: entry.current === true };
  });
}

/**
 * After `key add` (which does not print the new id): the key that was not there before, and the earlier
 * key of ours it replaces, if it is still there and is not the one the call opened the repository with.
 */
export function keyChange(
  before: readonly ResticKey[],
  after: readonly ResticKey[],
  replacing?: string,
): { added: string; stale?: string } {
  const added = after.find((k) => !before.some((b) => b.id === k.id))?.id ?? '';
  const stale = after.find((k) => k.id === replacing && !k.current && k.id !== added)?.id;
  return { added, stale };
}

/** A snapshot made by backupVolume has one path, `/volumes/<name>` of the volume it was taken from. */
export function onlyVolumePath(found: readonly ResticSnapshot[], snapshotId: string): string {
  const paths = found[0]?.paths ?? [];
  if (paths.length !== 1 || !/^\/volumes\/[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(paths[0])) {
    throw new ResticError('failed', `snapshot ${snapshotId} is not one volume's (${paths.join(', ')})`);
  }
  return paths[0];
}

/** Ordered: the first pattern that matches restic's error text names the reason. */
const FAILURE_PATTERNS: ReadonlyArray<[ResticFailure, RegExp]> = [
  ['wrongPassword', /wrong password|no key found/i],
  ['diskFull', /no space left on device|disk quota exceeded/i],
  ['locked', /repository is already locked|unable to create lock/i],
  [
    'noRepository',
    /unable to open config file|is there a repository at the following location|repository does not exist|config file does not exist/i,
  ],
  [
    'unreachable',
    /connection refused|no such host|network is unreachable|no route to host|i\/o timeout|dial tcp|connection reset|tls handshake|server response unexpected/i,
  ],
];

/** Which failure restic's error output describes; `failed` when nothing more precise is known. */
export function classifyFailure(output: string): ResticFailure {
  for (const [reason, pattern] of FAILURE_PATTERNS) if (pattern.test(output)) return reason;
  return 'failed';
}

/**
 * What ssh says before restic's vaguer `Fatal:` line ("unable to start the sftp session, error: EOF"):
 * kept in the detail, which tells a changed host key from a refused key.
 */
const SSH_LINES = /host key verification failed|permission denied \(/i;

/** The lines worth showing as the detail: ssh's verdict and restic's `Fatal:` line first, else the last lines. */
export function failureDetail(stderr: string, exitCode: number): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const fatal = lines.filter((l) => /^fatal:/i.test(l) || SSH_LINES.test(l));
  const chosen = (fatal.length > 0 ? fatal : lines.slice(-3)).join(' | ');
  return `${chosen || 'no error output'} (exit ${exitCode})`.slice(0, 1000);
}
