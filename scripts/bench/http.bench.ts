/**
 * `npm run bench` (HTTP part): what an anonymous client can make the manager spend, each figure a
 * ratio to an idle `GET /api/health` measured in the same run on the same built server:
 * - the worst case of a maximal wizard body (at the body limit, the largest `features` array that
 *   fits), before and after setup;
 * - the p99 of `/api/health` while 20 clients send wrong passwords as fast as they are answered.
 */
import { performance } from 'node:perf_hooks';
import request from 'supertest';
import { ServerProcess, tempDataDir } from '../../test/support/server-process';
import { setupPayload } from '../../test/support/setup-payload';

const BODY_LIMIT = 400 * 1024; // server/src/common/body-limits.ts

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

async function healthTimes(url: string, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push(await timed(() => request(url).get('/api/health').expect(200)));
  return times;
}

/** The largest `features` array whose body still fits under the wizard's limit. */
function maximalSetupBody(token: string): Record<string, unknown> {
  const base = setupPayload(token);
  const fixed = JSON.stringify({ ...base, features: [] }).length;
  const count = Math.floor((BODY_LIMIT - fixed - 64) / '"chat",'.length);
  return { ...base, features: new Array<string>(count).fill('chat') };
}

async function main(): Promise<void> {
  const server = new ServerProcess(tempDataDir('bench-http'), { TRUST_PROXY: 'loopback' });
  await server.start();
  try {
    const url = server.url;
    await healthTimes(url, 50); // warm-up
    const idle = await healthTimes(url, 300);
    const idleP50 = percentile(idle, 50);
    const idleP99 = percentile(idle, 99);

    const body = maximalSetupBody(server.setupTokenFromLog());
    const size = JSON.stringify(body).length;
    const before: number[] = [];
    for (let i = 0; i < 20; i++) before.push(await timed(() => request(url).post('/api/setup').send(body).expect(400)));
    await request(url)
      .post('/api/setup')
      .send({ ...setupPayload(server.setupTokenFromLog()), features: [] })
      .expect(201);
    const afterSetup: number[] = [];
    for (let i = 0; i < 20; i++) {
      afterSetup.push(await timed(() => request(url).post('/api/setup').send(body).expect(409)));
    }

    // 20 clients (distinct forwarded addresses) guessing passwords back to back, for a few seconds.
    let stop = false;
    let attempts = 0;
    const statuses = new Map<number, number>();
    const guessers = Array.from({ length: 20 }, async (_, i) => {
      while (!stop) {
        const res = await request(url)
          .post('/api/auth/login')
          .set('X-Forwarded-For', `203.0.113.${i + 1}`)
          .send({ username: `guess${i}`, password: `wrong password ${attempts}` });
        attempts += 1;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    });
    const loaded = await healthTimes(url, 300);
    stop = true;
    await Promise.all(guessers);
    const loadedP99 = percentile(loaded, 99);

    const ms = (v: number) => `${v.toFixed(2)} ms`;
    const x = (v: number, base: number) => `${(v / base).toFixed(1)}×`;
    console.log('HTTP (built server, same run; baseline: idle GET /api/health)');
    console.log(`  idle /api/health              p50 ${ms(idleP50)}, p99 ${ms(idleP99)}`);
    console.log(
      `  maximal wizard body (${(size / 1024).toFixed(0)} KiB, ${(body.features as string[]).length} features), worst of 20:`,
    );
    console.log(
      `    before setup (400)          ${ms(Math.max(...before))} = ${x(Math.max(...before), idleP50)} idle p50`,
    );
    console.log(
      `    after setup (409)           ${ms(Math.max(...afterSetup))} = ${x(Math.max(...afterSetup), idleP50)} idle p50`,
    );
    console.log(
      `  /api/health p99 under 20 concurrent wrong logins  ${ms(loadedP99)} = ${x(loadedP99, idleP99)} idle p99`,
    );
    const answered = [...statuses.entries()].map(([status, n]) => `${n}×${status}`).join(', ');
    console.log(`    (${attempts} login attempts answered meanwhile: ${answered})`);
  } finally {
    await server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
