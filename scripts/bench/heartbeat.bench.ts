/**
 * `npm run bench` (upstream part, issue 12): signed heartbeats per second an upstream (MODE=upstream)
 * sustains, on its embedded SQLite and on Postgres (DATABASE_URL: a container of the test image that
 * the bench starts and removes), with 5,000 enrolled appliances, with p50 and p99 latency, as a ratio to a
 * bare Node HTTP server answering the same signed requests in the same run without verification or
 * storage. The load generator signs every request (a fresh nonce and timestamp each), for both.
 * Each simulated appliance has its own address (X-Forwarded-For, TRUST_PROXY=loopback), as on the
 * internet, so the per-address limits count per appliance.
 * Goal: ≥ 1,000 heartbeats/s with p99 ≤ 50 ms on a 2-core machine.
 */
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { Agent, createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { publicKeyToBase64 } from '../../server/src/fleet-link/key-fingerprint';
import { decodeEnrollmentCode } from '../../server/src/fleet-link/enrollment-code';
import { signRequest } from '../../server/src/fleet-link/link-signature';
import { startPostgres } from '../../test/support/postgres';
import { ServerProcess, tempDataDir } from '../../test/support/server-process';
import { sessionFrom, setupPayload } from '../../test/support/setup-payload';

const APPLIANCES = Number(process.env.BENCH_APPLIANCES ?? 5000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = 32;
const HEARTBEAT = '/api/fleet/device/heartbeat';

interface Device {
  id: string;
  key: KeyObject;
  address: string;
}

interface Answer {
  status: number;
  body: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function send(url: string, method: string, path: string, headers: Record<string, string>, body = ''): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${url}${path}`,
      {
        method,
        agent,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res: IncomingMessage) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function addressOf(i: number): string {
  return `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
}

function signed(device: Omit<Device, 'id'> & { id?: string }, path: string, body: string): Record<string, string> {
  return {
    'x-forwarded-for': device.address,
    ...signRequest(device.key, {
      method: 'POST',
      path,
      body,
      timestamp: new Date().toISOString(),
      nonce: randomBytes(18).toString('base64url'),
      applianceId: device.id,
    }),
  };
}

function heartbeatBody(): string {
  return JSON.stringify({
    version: '0.1.0',
    services: [
      { name: 'chat', state: 'running', health: 'healthy' },
      { name: 'pad', state: 'running', health: 'healthy' },
    ],
    diskFreeBytes: 12 * 1024 ** 3,
    lastBackupAt: new Date(Date.now() - 3_600_000).toISOString(),
  });
}

/** Runs `count` tasks, `width` at a time. */
async function pool(count: number, width: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

interface Figures {
  perSecond: number;
  p50: number;
  p99: number;
  refused: number;
}

/** Heartbeats from random appliances, CONCURRENCY in flight, for SECONDS. */
async function load(url: string, devices: Device[]): Promise<Figures> {
  const times: number[] = [];
  let refused = 0;
  const end = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const device = devices[Math.floor(Math.random() * devices.length)];
        const body = heartbeatBody();
        const headers = signed(device, HEARTBEAT, body);
        const t0 = performance.now();
        const answer = await send(url, 'POST', HEARTBEAT, headers, body);
        times.push(performance.now() - t0);
        if (answer.status !== 200) refused += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { perSecond: times.length / elapsed, p50: percentile(times, 50), p99: percentile(times, 99), refused };
}

/** The same requests answered by a bare server: body read, one small JSON answer, nothing checked or kept. */
async function bareServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ pendingCommands: 0, serverTime: new Date().toISOString() }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function enrollAll(hub: ServerProcess): Promise<Device[]> {
  const setup = await send(
    hub.url,
    'POST',
    '/api/setup',
    {},
    JSON.stringify({ ...setupPayload(hub.setupTokenFromLog()), features: [] }),
  );
  if (setup.status !== 201) throw new Error(`setup: ${setup.status} ${setup.body}`);
  // The session cookie and CSRF token from the setup answer (its Set-Cookie headers).
  const cookies = await new Promise<string[]>((resolve, reject) => {
    const req = httpRequest(`${hub.url}/api/auth/login`, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json' },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.headers['set-cookie'] ?? []);
    });
    req.on('error', reject);
    const admin = setupPayload('').admin;
    req.end(JSON.stringify({ username: admin.username, password: admin.password }));
  });
  const session = sessionFrom(cookies);
  const devices: Device[] = new Array<Device>(APPLIANCES);
  const started = performance.now();
  await pool(APPLIANCES, 16, async (i) => {
    const address = addressOf(i + 1);
    const minted = await send(
      hub.url,
      'POST',
      '/api/fleet/tokens',
      { cookie: session.cookie, 'x-csrf-token': session.csrf, 'x-forwarded-for': address },
      JSON.stringify({ community: `Communauté ${i + 1}` }),
    );
    if (minted.status !== 201) throw new Error(`mint ${i}: ${minted.status} ${minted.body}`);
    const token = decodeEnrollmentCode((JSON.parse(minted.body) as { code: string }).code)!.token;
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const body = JSON.stringify({
      token,
      publicKey: publicKeyToBase64(publicKey),
      name: `Communauté ${i + 1}`,
      version: '0.1.0',
    });
    const enrolled = await send(
      hub.url,
      'POST',
      '/api/fleet/device/enroll',
      signed({ key: privateKey, address }, '/api/fleet/device/enroll', body),
      body,
    );
    if (enrolled.status !== 201) throw new Error(`enroll ${i}: ${enrolled.status} ${enrolled.body}`);
    devices[i] = { id: (JSON.parse(enrolled.body) as { applianceId: string }).applianceId, key: privateKey, address };
  });
  console.log(`  enrolled ${APPLIANCES} appliances in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return devices;
}

/** An upstream on `env`'s database: 5,000 appliances enrolled, warmed up, then measured. */
async function measureHub(env: Record<string, string>): Promise<{ figures: Figures; devices: Device[] }> {
  const hub = new ServerProcess(tempDataDir('bench-heartbeat'), {
    MODE: 'upstream',
    TRUST_PROXY: 'loopback',
    DOCKER_HOST: 'unix:///nonexistent/docker.sock',
    ...env,
  });
  await hub.start();
  try {
    const enrolled = await enrollAll(hub);
    await load(hub.url, enrolled.slice(0, 200)); // warm-up of the hub
    return { figures: await load(hub.url, enrolled), devices: enrolled };
  } finally {
    await hub.dispose();
  }
}

async function main(): Promise<void> {
  const bare = await bareServer();
  const results: Array<[string, Figures]> = [];
  try {
    const sqlite = await measureHub({});
    results.push(['SQLite', sqlite.figures]);
    await load(bare.url, sqlite.devices.slice(0, 100)); // warm-up of the client itself
    const base = await load(bare.url, sqlite.devices);
    const postgres = await startPostgres('bench');
    try {
      results.push(['Postgres', (await measureHub({ DATABASE_URL: postgres.url })).figures]);
    } finally {
      await postgres.dispose();
    }
    const fmt = (f: Figures) =>
      `${f.perSecond.toFixed(0)}/s, p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms, refused ${f.refused}`;
    console.log(`heartbeats, ${APPLIANCES} appliances, ${CONCURRENCY} in flight, ${SECONDS} s each:`);
    console.log(`  bare Node server (no verification, no storage): ${fmt(base)}`);
    for (const [database, ours] of results) {
      console.log(`  upstream on ${database} (signature, nonce, heartbeat stored): ${fmt(ours)}`);
      console.log(
        `    ratio to bare: throughput ${(ours.perSecond / base.perSecond).toFixed(2)}×, p50 ${(ours.p50 / base.p50).toFixed(1)}×, p99 ${(ours.p99 / base.p99).toFixed(1)}×` +
          ` — goal ≥ 1000/s (${ours.perSecond >= 1000 ? 'met' : 'missed'}), p99 ≤ 50 ms (${ours.p99 <= 50 ? 'met' : 'missed'})`,
      );
    }
    const refused = results.filter(([, f]) => f.refused > 0);
    if (refused.length)
      throw new Error(`heartbeats were refused on ${refused.map(([d]) => d).join(', ')}: the figures do not count`);
  } finally {
    agent.destroy();
    await bare.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
