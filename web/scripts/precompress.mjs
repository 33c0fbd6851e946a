// Run by `npm run build -w web` after Vite: writes a brotli (.br) and a gzip (.gz) copy beside each
// text file of the build, so that the manager serves them as they are, with no work per request
// (server/src/common/web-assets.http.ts picks one by Accept-Encoding). A copy that would not be
// smaller than its original is not written.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TEXT = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.txt', '.map', '.webmanifest']);

/** Every file under `dir`, recursively. */
function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path);
    return entry.isFile() ? [path] : [];
  });
}

const dir = process.argv[2] ?? 'dist';
let before = 0;
let after = 0;
for (const path of files(dir)) {
  if (!TEXT.has(extname(path))) continue;
  const original = readFileSync(path);
  const variants = {
    br: brotliCompressSync(original, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: original.length,
      },
    }),
    gz: gzipSync(original, { level: constants.Z_BEST_COMPRESSION }),
  };
  before += original.length;
  after += Math.min(original.length, variants.br.length);
  for (const [suffix, bytes] of Object.entries(variants)) {
    if (bytes.length < original.length) writeFileSync(`${path}.${suffix}`, bytes);
  }
}
console.log(`precompressed ${dir}: ${before} bytes of text, ${after} with brotli`);
