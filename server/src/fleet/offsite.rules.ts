/**
 * Pure: restic's REST protocol (https://restic.readthedocs.io/en/stable/100_references.html#rest-backend)
 * as an upstream serves it to each enrolled appliance, append-only: what a request names, whether it is
 * allowed, and the byte range it asks for.
 */
export const BLOB_TYPES = ['data', 'keys', 'locks', 'snapshots', 'index'] as const;
export type BlobType = (typeof BLOB_TYPES)[number];

/** What one request is about, under `/api/fleet/offsite/<applianceId>/`. */
export type OffsiteTarget =
  | { kind: 'repository'; applianceId: string }
  | { kind: 'config'; applianceId: string }
  | { kind: 'list'; applianceId: string; type: BlobType }
  | { kind: 'blob'; applianceId: string; type: BlobType; name: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** restic names every file but the config by the SHA-256 of its content. */
const NAME = /^[0-9a-f]{64}$/;

/** The target of a path (relative to the mount point); null when it names nothing restic uses. */
export function parseOffsitePath(path: string): OffsiteTarget | null {
  const parts = path.split('/').slice(1);
  const [applianceId, type, name] = parts;
  if (!applianceId || !UUID.test(applianceId)) return null;
  if (parts.length === 1 || (parts.length === 2 && type === '')) return { kind: 'repository', applianceId };
  if (type === 'config' && parts.length === 2) return { kind: 'config', applianceId };
  if (!(BLOB_TYPES as readonly string[]).includes(type)) return null;
  const blobType = type as BlobType;
  if (parts.length === 3 && name === '') return { kind: 'list', applianceId, type: blobType };
  if (parts.length === 2) return { kind: 'list', applianceId, type: blobType };
  if (parts.length === 3 && NAME.test(name)) return { kind: 'blob', applianceId, type: blobType, name };
  return null;
}

export type Access = 'read' | 'create' | 'write' | 'delete';

/** What a method does to a target; null: the protocol has no such request. */
export function accessOf(method: string, target: OffsiteTarget): Access | null {
  if (target.kind === 'repository') return method === 'POST' ? 'create' : null;
  if (target.kind === 'list') return method === 'GET' ? 'read' : null;
  if (method === 'GET' || method === 'HEAD') return 'read';
  if (method === 'POST') return 'write';
  if (method === 'DELETE') return 'delete';
  return null;
}

/**
 * Append-only: nothing written is ever changed or removed, except restic's locks (a lock left behind
 * would block every later backup). So a ransomware that takes the appliance cannot erase its past.
 */
export function appendOnlyRefusal(access: Access, target: OffsiteTarget, exists: boolean): string | null {
  const isLock = target.kind === 'blob' && target.type === 'locks';
  if (access === 'delete' && !isLock) return 'This off-site repository is append-only: nothing in it can be deleted.';
  if (access === 'write' && exists && !isLock) {
    return 'This off-site repository is append-only: an existing file cannot be replaced.';
  }
  return null;
}

/** Whether a write of `incoming` bytes keeps the appliance within its quota. */
export function quotaRefusal(usedBytes: number, incoming: number, quotaBytes: number): string | null {
  if (usedBytes + incoming <= quotaBytes) return null;
  const mib = (n: number) => `${Math.ceil(n / (1024 * 1024))} MiB`;
  return `Off-site quota exceeded: ${mib(usedBytes)} used of ${mib(quotaBytes)}, this upload needs ${mib(incoming)} more; ask the hosting co-op for more room.`;
}

/** `Range: bytes=a-b` or `bytes=a-` (what restic sends), within a file of `size` bytes; null: the whole file. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'invalid' | null {
  if (!header) return null;
  const match = /^bytes=(\d+)-(\d*)$/.exec(header.trim());
  if (!match) return 'invalid';
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start > end || start >= size) return 'invalid';
  return { start, end };
}

/** The basic credentials of a request (`Authorization: Basic …`); null when absent or malformed. */
export function basicCredentials(header: string | undefined): { user: string; password: string } | null {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header ?? '');
  if (!match) return null;
  const text = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = text.indexOf(':');
  return colon < 1 ? null : { user: text.slice(0, colon), password: text.slice(colon + 1) };
}
