/**
 * Image references and versions, pure. A version is the `org.opencontainers.image.version` label:
 * semantic versions (`1.2.3`, `1.2.3-rc.1`, an optional leading `v`) are compared; anything else is
 * "unknown" and never blocks an update (the image ids still have to differ).
 */

interface Parsed {
  core: number[];
  pre: string[];
}

function parse(version: string): Parsed | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(version.trim());
  if (!match) return undefined;
  return {
    core: [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)],
    pre: match[4] ? match[4].split('.') : [],
  };
}

function comparePre(a: string[], b: string[]): number {
  // A release is newer than its pre-releases; identifiers compare numerically when both are numbers.
  if (a.length === 0 || b.length === 0) return b.length - a.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const [x, y] = [a[i], b[i]];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    if (x === y) continue;
    const [nx, ny] = [/^\d+$/.test(x), /^\d+$/.test(y)];
    if (nx && ny) return Number(x) - Number(y);
    if (nx !== ny) return nx ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** Negative, zero or positive like a sort comparator; undefined when either is not a version. */
export function compareVersions(a: string, b: string): number | undefined {
  const [x, y] = [parse(a), parse(b)];
  if (!x || !y) return undefined;
  for (let i = 0; i < 3; i++) if (x.core[i] !== y.core[i]) return Math.sign(x.core[i] - y.core[i]);
  return Math.sign(comparePre(x.pre, y.pre));
}

/** False only when both versions are known and the target's is lower: no silent downgrade. */
export function isNotOlder(target: string | undefined, current: string | undefined): boolean {
  if (!target || !current) return true;
  const order = compareVersions(target, current);
  return order === undefined || order >= 0;
}

/** `host:5000/a/b:tag@sha256:…` → `host:5000/a/b`; undefined for a bare image id. */
export function repositoryOf(ref: string): string | undefined {
  if (/^(sha256:)?[a-f0-9]{12,64}$/.test(ref)) return undefined;
  const withoutDigest = ref.split('@')[0];
  const colon = withoutDigest.lastIndexOf(':');
  return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.slice(0, colon) : withoutDigest || undefined;
}

/** The default update channel: the running image's repository, tag `stable`. */
export function defaultChannel(runningRef: string): string | undefined {
  const repository = repositoryOf(runningRef);
  return repository ? `${repository}:stable` : undefined;
}
