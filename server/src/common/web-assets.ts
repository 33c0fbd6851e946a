/**
 * How a file of the built web app is answered: which precompressed copy (web/scripts/precompress.mjs)
 * the client can take, and how long it may keep it. Pure: the HTTP side is web-assets.http.ts.
 */

export type ContentEncoding = 'br' | 'gzip';

/** The suffix of each precompressed copy beside its original, best first. */
const VARIANTS: readonly { encoding: ContentEncoding; suffix: string }[] = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
];

/** Vite's output names: `/assets/<name>-<hash>.<ext>`, the hash changing with the content. */
const HASHED = /^\/assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';
const SHORT = 'public, max-age=3600';

/** The quality (q) an Accept-Encoding header gives each encoding it names, `*` included. */
export function encodingQualities(header: string | undefined): Map<string, number> {
  const qualities = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    qualities.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  return qualities;
}

/** Whether the client takes `encoding`: named with q > 0, or not named and `*` with q > 0. */
function accepts(qualities: Map<string, number>, encoding: string): boolean {
  return (qualities.get(encoding) ?? qualities.get('*') ?? 0) > 0;
}

export interface AssetAnswer {
  /** The URL path of the file to send (the original or one of its compressed copies). */
  file: string;
  encoding: ContentEncoding | null;
  /** Whether compressed copies exist, so that the answer depends on Accept-Encoding (Vary). */
  negotiated: boolean;
  cacheControl: string;
}

/** Cache policy: hashed assets forever, index.html revalidated each time, anything else an hour. */
export function cacheControlFor(path: string): string {
  if (HASHED.test(path)) return IMMUTABLE;
  if (path === '/index.html') return REVALIDATE;
  return SHORT;
}

/**
 * What to send for `path` among the build's `files`, or null when the build has no such file.
 * Compressed copies themselves are not addressable: they are only ever answered for their original.
 */
export function answerFor(path: string, acceptEncoding: string | undefined, files: Set<string>): AssetAnswer | null {
  if (!files.has(path) || VARIANTS.some((v) => path.endsWith(v.suffix) && files.has(path.slice(0, -v.suffix.length)))) {
    return null;
  }
  const qualities = encodingQualities(acceptEncoding);
  const present = VARIANTS.filter((v) => files.has(path + v.suffix));
  const variant = present.find((v) => accepts(qualities, v.encoding));
  return {
    file: variant ? path + variant.suffix : path,
    encoding: variant?.encoding ?? null,
    negotiated: present.length > 0,
    cacheControl: cacheControlFor(path),
  };
}
