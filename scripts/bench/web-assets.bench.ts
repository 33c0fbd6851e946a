/**
 * `npm run bench` (web part): the bytes a browser transfers on its first load of the wizard (index.html
 * and every asset it references, asked with `Accept-Encoding: br, gzip`), as a ratio to the same files
 * uncompressed, both fetched from the same built server in the same run (issue 14; goal ≤ 0.4).
 */
import { get } from 'node:http';
import { ServerProcess, tempDataDir } from '../../test/support/server-process';

interface Fetched {
  /** Bytes on the wire: the status line and headers as sent, and the body as sent (not decoded). */
  wire: number;
  body: Buffer;
  encoding: string;
}

function fetchRaw(url: string, acceptEncoding: string): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'Accept-Encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`${url}: ${res.statusCode}`));
        const head = res.rawHeaders.reduce((n, h) => n + Buffer.byteLength(h) + 2, 0) + 17;
        const body = Buffer.concat(chunks);
        resolve({ wire: head + body.length, body, encoding: String(res.headers['content-encoding'] ?? 'none') });
      });
      res.on('error', reject);
    }).on('error', reject);
  });
}

/** index.html, then the files it references, as a browser's first visit asks for them. */
async function firstLoad(base: string, acceptEncoding: string): Promise<{ wire: number; files: string[] }> {
  const index = await fetchRaw(`${base}/`, acceptEncoding);
  // The references are read from the uncompressed page (the same for both loads).
  const html = (await fetchRaw(`${base}/`, 'identity')).body.toString('utf8');
  const assets = [...new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]))];
  let wire = index.wire;
  const files = [`/ (${index.encoding}, ${index.body.length} B)`];
  for (const asset of assets) {
    const res = await fetchRaw(base + asset, acceptEncoding);
    wire += res.wire;
    files.push(`${asset} (${res.encoding}, ${res.body.length} B)`);
  }
  return { wire, files };
}

async function main(): Promise<void> {
  const server = new ServerProcess(tempDataDir('bench-web'));
  await server.start();
  try {
    const plain = await firstLoad(server.url, 'identity');
    const compressed = await firstLoad(server.url, 'br, gzip');
    const kb = (v: number) => `${(v / 1024).toFixed(1)} KiB`;
    console.log('Web app (built server, same run; baseline: the same first load uncompressed)');
    console.log(`  wizard first load, uncompressed   ${kb(plain.wire)} (${plain.files.length} files)`);
    console.log(
      `  wizard first load, br/gzip        ${kb(compressed.wire)} = ${(compressed.wire / plain.wire).toFixed(2)}× uncompressed (goal ≤ 0.4)`,
    );
    for (const file of compressed.files) console.log(`    ${file}`);
  } finally {
    await server.dispose();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
