import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { decodeEnrollmentCode } from '../../server/src/fleet-link/enrollment-code';
import { publicKeyToBase64 } from '../../server/src/fleet-link/key-fingerprint';
import { ProcessRepository } from '../../server/src/platform/process.repository';
import { SecretPaths } from '../../server/src/platform/secret-paths';
import { RedisServerRepository } from '../../server/src/queue/redis-server.repository';
import { deviceHeaders, hubProcess, setUpHub } from '../support/hub';
import { removeTempDir, tempDir } from '../support/leftovers';
import { startPostgres, type PostgresServer } from '../support/postgres';
import type { ServerProcess } from '../support/server-process';

type Session = { cookie: string; csrf: string };
type Listed = Record<'id' | 'status' | 'version', string> & { lastSeenAt: string | null; attention: string[] };

const HEARTBEAT = '/api/fleet/device/heartbeat';
const ENROLL = '/api/fleet/device/enroll';

/**
 * Two stateless upstream processes behind one balancer (issue 12): one Postgres (DATABASE_URL) and one
 * external redis-server (REDIS_URL) shared by both. Whatever one hub learns, the other knows: the
 * enrollment codes and appliances (Postgres), the nonces of signed requests (Postgres), and the
 * per-address rate counters of the device routes (Redis). The appliance is simulated by its signed
 * requests, as in upstream-postgres.test.ts.
 */
describe('two upstream processes on one Postgres and one Redis', () => {
  let pg: PostgresServer;
  const redisDir = tempDir('two-hubs-redis');
  const redis = new RedisServerRepository(join(redisDir, 'redis'), new ProcessRepository());
  let hubA: ServerProcess;
  let hubB: ServerProcess;
  let admin: Session;
  const key: KeyObject = generateKeyPairSync('ed25519').privateKey;
  let applianceId = '';

  const signed = (method: string, path: string, body: string, id?: string) =>
    deviceHeaders(key, method, path, body, id);

  /** Sends already signed headers to one hub, as a balancer would forward them (from: the client). */
  const send = (hub: ServerProcess, path: string, headers: Record<string, string>, body: string, from?: string) => {
    const req = request(hub.url).post(path).set(headers).set('content-type', 'application/json');
    if (from) req.set('X-Forwarded-For', from);
    return req.send(body);
  };

  /** What the appliance sends to enroll with `token`, its public key being `key`'s. */
  const enrollBody = (token: string) =>
    JSON.stringify({
      token,
      publicKey: publicKeyToBase64(createPublicKey(key)),
      name: 'Tiers-lieu du Port',
      version: '0.1.0',
    });

  const beatBody = (version: string) =>
    JSON.stringify({ version, services: [], diskFreeBytes: 5 * 1024 ** 4, lastBackupAt: null });

  const heartbeat = (hub: ServerProcess, version: string) => {
    const body = beatBody(version);
    return send(hub, HEARTBEAT, signed('POST', HEARTBEAT, body, applianceId), body);
  };

  before(async () => {
    await redis.start();
    pg = await startPostgres('two-hubs');
    // The balancer is on loopback: both hubs believe its X-Forwarded-For (the client's address).
    const shared = {
      DATABASE_URL: pg.url,
      REDIS_URL: `unix://${redis.socketPath}`,
      TRUST_PROXY: 'loopback',
      DOCKER_HOST: 'unix:///nonexistent/docker.sock',
    };
    hubA = await hubProcess('hub-a', shared);
    hubB = await hubProcess('hub-b', shared);
    // The same signing key in both data directories, as the README asks of an operator: the code and
    // the enrollment answer carry its fingerprint, and commands are signed with it.
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    for (const hub of [hubA, hubB]) {
      const file = new SecretPaths(hub.dataDir).fleetSigningKeyFile;
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      writeFileSync(file, pem, { mode: 0o600 });
    }
    // One at a time: the first one runs the migrations.
    await hubA.start();
    await hubB.start();
    admin = await setUpHub(hubA);
  });

  after(async () => {
    await hubA?.dispose();
    await hubB?.dispose();
    await pg?.dispose();
    await redis.stop();
    removeTempDir(redisDir);
  });

  it('enrolls through hub B with a code minted on hub A', async () => {
    const minted = await request(hubA.url)
      .post('/api/fleet/tokens')
      .set({ Cookie: admin.cookie, 'x-csrf-token': admin.csrf })
      .send({ community: 'Tiers-lieu du Port' })
      .expect(201);
    const code = decodeEnrollmentCode(minted.body.code as string)!;
    const body = enrollBody(code.token);
    const enrolled = await send(hubB, ENROLL, signed('POST', ENROLL, body), body).expect(201);
    // What the appliance checks: hub B answers with the key whose fingerprint hub A put in the code.
    assert.equal(enrolled.body.upstream?.fingerprint, code.fingerprint);
    applianceId = enrolled.body.applianceId as string;
    // The code is spent for hub A as well.
    const again = await send(hubA, ENROLL, signed('POST', ENROLL, body), body).expect(409);
    assert.equal(again.body.errors?.[0]?.code, 'used');
  });

  it('accepts heartbeats alternating between the hubs; hub A shows the appliance live', async () => {
    for (const [i, hub] of [hubA, hubB, hubA, hubB].entries()) {
      await heartbeat(hub, `0.2.${i}`).expect(200);
    }
    const listed = (await request(hubA.url).get('/api/fleet/appliances').set('Cookie', admin.cookie).expect(200))
      .body as Listed[];
    const row = listed.find((a) => a.id === applianceId);
    assert.equal(row?.status, 'active');
    assert.equal(row?.version, '0.2.3', 'the last heartbeat, received by hub B');
    assert.ok(row?.lastSeenAt && Date.now() - Date.parse(row.lastSeenAt) < 60_000, 'seen within the minute');
    assert.ok(!row?.attention.includes('notSeen'), 'not flagged as unseen');
  });

  it('refuses a signed request replayed to the other hub (the nonce is in Postgres)', async () => {
    const body = beatBody('0.2.3');
    const headers = signed('POST', HEARTBEAT, body, applianceId);
    await send(hubA, HEARTBEAT, headers, body).expect(200);
    const replayed = await send(hubB, HEARTBEAT, headers, body).expect(401);
    assert.equal(replayed.body.errors?.[0]?.code, 'replay');
  });

  it('counts one address across both hubs: enrollments past 20 in 10 minutes are refused on either', async () => {
    const from = '203.0.113.41';
    const attempt = (hub: ServerProcess) => {
      const body = enrollBody('B'.repeat(43));
      return send(hub, ENROLL, signed('POST', ENROLL, body), body, from);
    };
    // 10 through each hub: each process alone is far from the limit, their sum reaches it.
    for (let i = 0; i < 20; i++) {
      const res = await attempt(i % 2 === 0 ? hubA : hubB);
      assert.equal(res.status, 409, `attempt ${i + 1}: an unknown code, not yet throttled`);
    }
    for (const hub of [hubA, hubB]) {
      const res = await attempt(hub).expect(429);
      const wait = Number(res.headers['retry-after']);
      assert.ok(wait > 0 && wait <= 600, `Retry-After within the 10-minute window (got ${wait})`);
      assert.equal(typeof res.body.retryAfterSeconds, 'number');
    }
    // Another address behind the same balancer is not held back.
    const other = enrollBody('B'.repeat(43));
    await send(hubB, ENROLL, signed('POST', ENROLL, other), other, '203.0.113.42').expect(409);
    // The device's own address still sends its heartbeats through either hub.
    await heartbeat(hubB, '0.2.4').expect(200);
  });
});
