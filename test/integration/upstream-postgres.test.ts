import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createDataSource, ENTITIES, POSTGRES_MIGRATIONS } from '../../server/src/database/data-source';
import { decodeEnrollmentCode } from '../../server/src/fleet-link/enrollment-code';
import { publicKeyToBase64 } from '../../server/src/fleet-link/key-fingerprint';
import { deviceHeaders, hubProcess, setUpHub } from '../support/hub';
import { startPostgres, type PostgresServer } from '../support/postgres';
import type { ServerProcess } from '../support/server-process';
import { sessionFrom, setupPayload } from '../support/setup-payload';

type Session = { cookie: string; csrf: string };
/** What this test reads of the fleet view. */
type Listed = Record<'id' | 'status' | 'version', string> & { lastSeenAt: string | null };

/** How each entity column type is stored by the Postgres migration. */
const POSTGRES_TYPE: Record<string, string> = {
  text: 'text',
  integer: 'bigint',
  boolean: 'boolean',
  datetime: 'timestamp with time zone',
};

/**
 * An upstream on a real Postgres (DATABASE_URL, Debian's postgresql in the test image): its
 * migrations create every table with the columns the entities declare, it enrolls an appliance
 * (simulated here by its signed requests) and stores its heartbeats and commands, and a restart keeps
 * all of it.
 */
describe('an upstream on Postgres', () => {
  let pg: PostgresServer;
  let hub: ServerProcess;
  let admin: Session;
  let db: DataSource;
  const key: KeyObject = generateKeyPairSync('ed25519').privateKey;
  let applianceId = '';

  const as = (s: Session) => ({ Cookie: s.cookie, 'x-csrf-token': s.csrf });
  const signed = (method: string, path: string, body: string, id?: string) =>
    deviceHeaders(key, method, path, body, id);

  /** A device request signed by `key`, as the appliance `id` (none: an enrollment). */
  const post = (path: string, body: string, id?: string) =>
    request(hub.url)
      .post(path)
      .set(signed('POST', path, body, id))
      .set('content-type', 'application/json')
      .send(body);

  const heartbeat = (version: string) =>
    post(
      '/api/fleet/device/heartbeat',
      JSON.stringify({ version, services: [], diskFreeBytes: 5 * 1024 ** 4, lastBackupAt: null }),
      applianceId,
    );

  const fleet = async () =>
    (await request(hub.url).get('/api/fleet/appliances').set('Cookie', admin.cookie).expect(200)).body as Listed[];

  before(async () => {
    pg = await startPostgres('upstream');
    hub = await hubProcess('hub-pg', { DATABASE_URL: pg.url, DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    await hub.start();
    admin = await setUpHub(hub);
    db = await createDataSource('', pg.url).initialize();
  });

  after(async () => {
    await db?.destroy();
    await hub?.dispose();
    await pg?.dispose();
  });

  it('creates every table by its migrations, with the columns the entities declare', async () => {
    assert.equal(await db.showMigrations(), false, 'no migration is pending');
    const applied = await db.query<Array<{ name: string }>>(`SELECT "name" FROM "migrations"`);
    assert.deepEqual(
      applied.map((m) => m.name),
      POSTGRES_MIGRATIONS.map((m) => m.name),
    );
    for (const entity of ENTITIES) {
      const meta = db.getMetadata(entity);
      const columns = await db.query<Array<{ column_name: string; data_type: string; is_nullable: string }>>(
        `SELECT "column_name", "data_type", "is_nullable" FROM information_schema.columns WHERE "table_name" = $1`,
        [meta.tableName],
      );
      const keys = await db.query<Array<{ column_name: string }>>(
        `SELECT k."column_name" FROM information_schema.table_constraints c
         JOIN information_schema.key_column_usage k ON k."constraint_name" = c."constraint_name"
         WHERE c."table_name" = $1 AND c."constraint_type" = 'PRIMARY KEY'`,
        [meta.tableName],
      );
      const primary = new Set(keys.map((k) => k.column_name));
      const fromTable = columns
        .map((c) => [c.column_name, c.data_type, c.is_nullable === 'YES', primary.has(c.column_name)])
        .sort();
      const fromEntity = meta.columns
        .map((c) => [c.databaseName, POSTGRES_TYPE[String(c.type)], c.isNullable, c.isPrimary])
        .sort();
      assert.deepEqual(fromEntity, fromTable, meta.tableName);
    }
  });

  it('enrolls an appliance and stores its heartbeats and commands', async () => {
    const minted = await request(hub.url)
      .post('/api/fleet/tokens')
      .set(as(admin))
      .send({ community: 'Tiers-lieu du Port' })
      .expect(201);
    const token = decodeEnrollmentCode(minted.body.code as string)!.token;
    const body = JSON.stringify({
      token,
      publicKey: publicKeyToBase64(generateKeyPairSync('ed25519').publicKey),
      name: 'Tiers-lieu du Port',
      version: '0.1.0',
    });
    // Signed by a key other than the one in the body: refused before anything is stored.
    await post('/api/fleet/device/enroll', body).expect(401);
    const real = JSON.stringify({ ...JSON.parse(body), publicKey: publicKeyToBase64(createPublicKey(key)) });
    const enrolled = await post('/api/fleet/device/enroll', real).expect(201);
    applianceId = enrolled.body.applianceId as string;
    // The code is spent: a second enrollment with it is refused (the conditional UPDATE on Postgres).
    const again = await post('/api/fleet/device/enroll', real).expect(409);
    assert.equal(again.body.errors?.[0]?.code, 'used');

    const beat = await heartbeat('0.2.0').expect(200);
    assert.equal(beat.body.pendingCommands, 0);
    const row = (await fleet()).find((a) => a.id === applianceId);
    assert.equal(row?.version, '0.2.0');
    assert.ok(row?.lastSeenAt, 'last seen is stored');

    const issued = await request(hub.url)
      .post(`/api/fleet/appliances/${applianceId}/commands`)
      .set(as(admin))
      .send({ type: 'diagnostics.collect' })
      .expect(201);
    assert.equal((await heartbeat('0.2.0').expect(200)).body.pendingCommands, 1);
    const ackPath = `/api/fleet/device/commands/${issued.body.id as string}/ack`;
    const ack = JSON.stringify({ outcome: 'done', detail: 'ok' });
    await post(ackPath, ack, applianceId).expect(204);
    assert.equal((await heartbeat('0.2.0').expect(200)).body.pendingCommands, 0);
  });

  it('refuses a replayed heartbeat (the nonce is kept in Postgres)', async () => {
    const path = '/api/fleet/device/heartbeat';
    const body = JSON.stringify({ version: '0.2.0', services: [], diskFreeBytes: null, lastBackupAt: null });
    const headers = signed('POST', path, body, applianceId);
    const send = () => request(hub.url).post(path).set(headers).set('content-type', 'application/json').send(body);
    await send().expect(200);
    await send().expect(401);
  });

  it('keeps its admins, appliances and commands across a restart', async () => {
    await hub.stop();
    await hub.start();
    const login = await request(hub.url)
      .post('/api/auth/login')
      .send({ username: setupPayload('').admin.username, password: setupPayload('').admin.password })
      .expect(200);
    admin = sessionFrom(login.headers['set-cookie']);
    const row = (await fleet()).find((a) => a.id === applianceId);
    assert.equal(row?.status, 'active');
    assert.equal(row?.version, '0.2.0');
    await heartbeat('0.3.0').expect(200);
    assert.equal((await fleet()).find((a) => a.id === applianceId)?.version, '0.3.0');
    const commands = (
      await request(hub.url).get(`/api/fleet/appliances/${applianceId}/commands`).set('Cookie', admin.cookie)
    ).body as Array<{ status: string }>;
    assert.deepEqual(
      commands.map((c) => c.status),
      ['done'],
    );
  });
});
