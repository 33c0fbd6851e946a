/**
 * `npm run bench`, the manager started the `npm start` way (built server, no image): the operating
 * system's RSS (/proc VmRSS) of node and of its private redis-server, idle before and after a setup
 * with no features, as a ratio to a bare Node HTTP server on the same Node binary, measured in the
 * same run. Once with the node settings of scripts/start.sh (server/src/platform/node-runtime.ts) and
 * once without, so that what they buy stays visible. Setup with no features starts no container.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { NODE_ENV, NODE_FLAGS } from '../../server/src/platform/node-runtime';
import { removeTempDir, tempDir } from '../../test/support/leftovers';
import { reconciledSince, reconcileCount } from '../../test/support/appliance';
import { sessionFrom, setupPayload } from '../../test/support/setup-payload';
import { freePort, REPO_ROOT } from '../../test/support/server-process';

const MAIN = join(REPO_ROOT, 'server', 'dist', 'main.js');
/** Idle is what is measured: the process settles (timers, first periodic work) for this long. */
const IDLE_MS = 10_000;

/** An hour of periodic reconciles at the default interval, run RECONCILE_SEC apart. */
const RECONCILES = 60;
const RECONCILE_SEC = 2;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mib = (kib: number) => `${(kib / 1024).toFixed(1)} MiB`;

function rssKib(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
}

/** Starts node with `args`, resolves once a line of its output matches `ready`; returns the output so far. */
function start(args: string[], env: Record<string, string>, ready: RegExp) {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const up = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`node exited (${code}) before it was ready:\n${output}`)));
  });
  return { child, up, output: () => output };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  return exited;
}

async function bareServer(): Promise<number> {
  const bare = start(
    ['-e', "require('http').createServer((q,s)=>s.end('ok')).listen(0,'127.0.0.1',()=>console.log('up'))"],
    {},
    /up/,
  );
  await bare.up;
  await sleep(IDLE_MS);
  const kib = rssKib(bare.child.pid!);
  await stop(bare.child);
  return kib;
}

/**
 * Starts a manager, measures it idle before and after setup; with `reconciles`, also after that many
 * more periodic reconciles (an hour's worth at the default interval, run at a shortened one).
 */
async function manager(label: string, flags: readonly string[], env: Record<string, string>, reconciles = 0) {
  const dataDir = tempDir('bench-idle');
  const port = await freePort();
  const run = start(
    [...flags, MAIN],
    { ...env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', NO_COLOR: '1' },
    /Listening on/,
  );
  try {
    await run.up;
    const redisPid = Number(readFileSync(join(dataDir, 'redis', 'redis.pid'), 'utf8').trim());
    await sleep(IDLE_MS);
    const before = { node: rssKib(run.child.pid!), redis: rssKib(redisPid) };
    const token = /setup token: (\S+)/.exec(run.output())?.[1];
    if (!token) throw new Error(`no setup token in the manager's log:\n${run.output()}`);
    const api = { url: `http://127.0.0.1:${port}` };
    const setup = await request(api.url)
      .post('/api/setup')
      .send({ ...setupPayload(token), features: [] })
      .expect(201);
    await sleep(IDLE_MS);
    const after = { node: rssKib(run.child.pid!), redis: rssKib(redisPid) };
    if (!reconciles) return { label, before, after };
    const session = sessionFrom(setup.headers['set-cookie']);
    await reconciledSince(api, session, await reconcileCount(api, session), reconciles, reconciles * 10_000);
    await sleep(IDLE_MS);
    const later = { node: rssKib(run.child.pid!), redis: rssKib(redisPid) };
    return { label, before, after, later };
  } finally {
    await stop(run.child);
    removeTempDir(dataDir);
  }
}

async function main(): Promise<void> {
  const bare = await bareServer();
  const tuned = `${NODE_FLAGS.join(' ')} ${Object.entries(NODE_ENV)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')}`;
  // One manager at a time: each figure is that process alone.
  const runs = [
    await manager('without node settings', [], {}),
    await manager(tuned, NODE_FLAGS, { ...NODE_ENV, RECONCILE_INTERVAL: String(RECONCILE_SEC) }, RECONCILES),
  ];
  console.log(`manager started the npm start way (Node ${process.version}), idle RSS from /proc`);
  console.log(`  bare Node HTTP server ${mib(bare)}`);
  for (const { label, before, after, later } of runs) {
    const total = after.node + after.redis;
    console.log(`  ${label}`);
    console.log(`    before setup  node ${mib(before.node)} + redis-server ${mib(before.redis)}`);
    console.log(
      `    after setup   node ${mib(after.node)} + redis-server ${mib(after.redis)} = ${mib(total)} = ${(total / bare).toFixed(2)}× the bare server (goal ≤ 2.00×)`,
    );
    if (!later) continue;
    const laterTotal = later.node + later.redis;
    console.log(
      `    after ${RECONCILES} reconciles (${RECONCILE_SEC} s apart: an hour's at the default 60 s) node ${mib(later.node)} + redis-server ${mib(later.redis)} = ${(laterTotal / total).toFixed(2)}× after setup (goal ≤ 1.10×)`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
