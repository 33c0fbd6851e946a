/**
 * `npm run bench`: the appliance image's size, start time and idle memory, each printed as a ratio to
 * a baseline measured in the same run on the same engine: the image's own Debian minbase plus the Node
 * binary alone (the Dockerfile's node-runtime stage, tagged by scripts/image/build.sh) running a minimal
 * HTTP server. Sizes uncompressed and as `docker save | gzip`. Memory is the operating system's RSS of
 * the container's processes (node + redis-server).
 */
import { execFile } from 'node:child_process';
import { containerRss, docker, DOCKER, mib } from './container-rss';
import request from 'supertest';
import { freePort } from '../../test/support/server-process';
import { setupPayload } from '../../test/support/setup-payload';

const IMAGE = process.env.APPLIANCE_IMAGE || 'tiers-lieux/appliance:dev';
const BASE = process.env.NODE_RUNTIME_IMAGE || 'tl-local/node-runtime:24-bookworm';
/** The Node image the build stage uses (npm, headers, docs): its size for comparison only. */
const NODE_SLIM = process.env.BASE_IMAGE || 'tl-local/node:24-bookworm-slim';
const RUN_ID = Date.now().toString(36);
const created: string[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Bytes of `docker save <ref> | gzip -c` (gzip's default level), what a registry would move. */
function compressedSize(ref: string): Promise<number> {
  return new Promise((resolve, reject) =>
    execFile(
      '/bin/bash',
      ['-c', 'set -o pipefail; "$0" save "$1" | gzip -c | wc -c', DOCKER, ref],
      { encoding: 'utf8', timeout: 300_000 },
      (err, stdout, stderr) =>
        err ? reject(new Error(`docker save ${ref}: ${stderr || err.message}`)) : resolve(Number(stdout)),
    ),
  );
}

async function firstAnswer(url: string, since: number, timeoutMs = 120_000): Promise<number> {
  while (Date.now() - since < timeoutMs) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return Date.now() - since;
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** The container's RSS; node + redis-server are the figure of issue 13's acceptance 1. */
async function applianceRss(name: string): Promise<{ total: number; core: number; byProcess: string[] }> {
  const { total, processes } = await containerRss(name);
  const core = processes
    .filter((p) => p.label === 'node' || p.label === 'redis-server')
    .reduce((s, p) => s + p.bytes, 0);
  return { total, core, byProcess: processes.map((p) => `${p.label} ${mib(p.bytes)}`) };
}

async function run(name: string, image: string, port: number, extra: string[], cmd: string[] = []) {
  created.push(name);
  const started = Date.now();
  await docker([
    'run',
    '--detach',
    '--pull',
    'never',
    '--name',
    name,
    '--publish',
    `127.0.0.1:${port}:8080`,
    ...extra,
    image,
    ...cmd,
  ]);
  return started;
}

const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

async function main(): Promise<void> {
  const [imageSize, baseSize, slimSize] = await Promise.all(
    [IMAGE, BASE, NODE_SLIM].map(async (ref) =>
      Number(await docker(['image', 'inspect', '--format', '{{.Size}}', ref]).catch(() => NaN)),
    ),
  );
  // One at a time: gzip takes a core.
  const imageGz = await compressedSize(IMAGE);
  const baseGz = await compressedSize(BASE);

  const basePort = await freePort();
  const baseStart = await run(
    `tl-bench-base-${RUN_ID}`,
    BASE,
    basePort,
    [],
    ['node', '-e', "require('http').createServer((q,s)=>s.end('ok')).listen(8080)"],
  );
  const baseReady = await firstAnswer(`http://127.0.0.1:${basePort}/`, baseStart);
  await sleep(5000);
  const baseRss = await applianceRss(`tl-bench-base-${RUN_ID}`);

  const port = await freePort();
  const volume = `tl-bench-data-${RUN_ID}`;
  const name = `tl-bench-appliance-${RUN_ID}`;
  created.push(`volume:${volume}`);
  const start = await run(name, IMAGE, port, [
    '--volume',
    '/var/run/docker.sock:/var/run/docker.sock',
    '--volume',
    `${volume}:/data`,
  ]);
  const ready = await firstAnswer(`http://127.0.0.1:${port}/api/health`, start);
  let healthy = 0;
  while (!healthy) {
    if ((await docker(['inspect', '--format', '{{.State.Health.Status}}', name])) === 'healthy')
      healthy = Date.now() - start;
    else await sleep(200);
  }
  const setupToken = /setup token: (\S+)/.exec(await docker(['logs', name]))?.[1];
  if (!setupToken) throw new Error('no setup token in the appliance log');
  await request(`http://127.0.0.1:${port}`)
    .post('/api/setup')
    .send({ ...setupPayload(setupToken), features: [] })
    .expect(201);
  await sleep(15_000); // idle after setup
  const rss = await applianceRss(name);

  console.log(`appliance image ${IMAGE}`);
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
  console.log(
    `  size                 ${mb(imageSize)}  = ${ratio(imageSize, baseSize)} its Debian minbase + the Node binary alone (${mb(baseSize)}; goal ≤ 1.1×)`,
  );
  console.log(
    `    compressed         ${mb(imageGz)}  = ${ratio(imageGz, baseGz)} (${mb(baseGz)}; docker save | gzip -c)`,
  );
  console.log(`    the Node slim image with npm, headers and docs: ${mb(slimSize)}`);
  console.log(
    `  docker run -> API    ${(ready / 1000).toFixed(2)} s  = ${ratio(ready, baseReady)} a bare Node HTTP server in the minbase (${(baseReady / 1000).toFixed(2)} s)`,
  );
  console.log(
    `  docker run -> healthy ${(healthy / 1000).toFixed(2)} s = ${ratio(healthy, ready)} docker run -> API (goal ≤ 2×; probes 1 s apart until healthy)`,
  );
  console.log(
    `  idle RSS after setup ${mib(rss.total)}  = ${ratio(rss.total, baseRss.total)} a bare Node HTTP server (${mib(baseRss.total)})`,
  );
  console.log(`    node + redis-server ${mib(rss.core)}; ${rss.byProcess.join(', ')}`);
  console.log('    (a health probe pausing is a `sleep`: its RSS is mostly libc, shared; 0.1 MiB its own)');
}

/** Containers first, then their volumes: only what this run created. */
async function cleanup(): Promise<void> {
  for (const item of created.filter((c) => !c.startsWith('volume:'))) {
    await docker(['rm', '--force', item]).catch(() => undefined);
  }
  for (const item of created.filter((c) => c.startsWith('volume:'))) {
    await docker(['volume', 'rm', '--force', item.slice('volume:'.length)]).catch(() => undefined);
  }
}

// fetch's sockets and AbortSignal.timeout's timers do not keep Node alive: this does, until the end.
const keepAlive = setInterval(() => undefined, 1000);
main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => cleanup().finally(() => clearInterval(keepAlive)));
