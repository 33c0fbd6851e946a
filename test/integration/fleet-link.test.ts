import assert from 'node:assert/strict';
import { generateKeyPairSync, createPrivateKey, randomUUID, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import request from 'supertest';
import { decodeEnrollmentCode, encodeEnrollmentCode } from '../../server/src/fleet-link/enrollment-code';
import { signCommand } from '../../server/src/fleet-link/signed-command';
import { applianceEnv, applianceIdOf } from '../support/appliance';
import { eventually } from '../support/eventually';
import { hubProcess } from '../support/hub';
import { ServerProcess, tempDataDir } from '../support/server-process';
import { sessionFrom, setupPayload } from '../support/setup-payload';
import { cleanupAppliance, requireEngineAndImages } from '../support/test-images';

type Session = { cookie: string; csrf: string };
interface FleetRow {
  id: string;
  name: string;
  status: string;
  lastSeenAt: string | null;
  lastBackupAt: string | null;
  version: string;
}
interface CommandRow {
  id: string;
  type: string;
  status: string;
  detail: string | null;
}

const HEARTBEAT_MS = 1000;

/** How TypeORM stores a datetime in SQLite (UTC, no zone letter). */
const sqliteDate = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

/**
 * Issue 12, with real processes on loopback: one upstream (MODE=upstream) and two appliances, each
 * its own manager with its own SQLite and private Redis. Enrollment, the fleet view, commands (a
 * backup on the real engine, and forged, replayed, expired and non-allowlisted ones), the upstream
 * going away and coming back, revocation and leaving.
 */
describe('the upstream link: one upstream and two appliances as separate processes', () => {
  let hub: ServerProcess;
  let a: ServerProcess;
  let b: ServerProcess;
  let hubAdmin: Session;
  let aAdmin: Session;
  let bAdmin: Session;
  let aId = '';
  let bId = '';
  /** Appliance a's prefix on the engine (its backups run restic in a sibling container). */
  let aEngineId = '';

  const as = (s: Session) => ({ Cookie: s.cookie, 'x-csrf-token': s.csrf });
  const code = (body: { errors?: Array<{ code: string }> }) => body.errors?.[0]?.code;

  async function setUp(server: ServerProcess): Promise<Session> {
    await server.start();
    const res = await request(server.url)
      .post('/api/setup')
      .send({ ...setupPayload(server.setupTokenFromLog()), features: [] })
      .expect(201);
    return sessionFrom(res.headers['set-cookie']);
  }

  async function mint(community: string): Promise<{ id: string; code: string }> {
    const res = await request(hub.url).post('/api/fleet/tokens').set(as(hubAdmin)).send({ community }).expect(201);
    return { id: res.body.id as string, code: res.body.code as string };
  }

  const enroll = (server: ServerProcess, session: Session, text: string) =>
    request(server.url).post('/api/federation/enroll').set(as(session)).send({ code: text, consent: true });

  async function fleet(): Promise<FleetRow[]> {
    return (await request(hub.url).get('/api/fleet/appliances').set('Cookie', hubAdmin.cookie).expect(200))
      .body as FleetRow[];
  }

  before(async () => {
    await requireEngineAndImages();
    hub = await hubProcess('fleet-hub');
    const linkEnv = { TLS_MODE: 'off', LINK_HEARTBEAT_MS: String(HEARTBEAT_MS) };
    // a runs backups on the real engine; b needs none.
    a = new ServerProcess(tempDataDir('fleet-a'), await applianceEnv(linkEnv));
    b = new ServerProcess(tempDataDir('fleet-b'), linkEnv);
    [hubAdmin, aAdmin, bAdmin] = await Promise.all([setUp(hub), setUp(a), setUp(b)]);
    aEngineId = await applianceIdOf(a, aAdmin);
  });

  after(async () => {
    await Promise.all([hub?.dispose(), a?.dispose(), b?.dispose()]);
    if (aEngineId) await cleanupAppliance(aEngineId);
  });

  it('enrolls with a valid code once; the same code, an expired, a revoked and a forged one are refused', async () => {
    const identity = (await request(hub.url).get('/api/fleet').set('Cookie', hubAdmin.cookie).expect(200)).body as {
      fingerprint: string;
    };
    const first = await mint('La Fabrique');
    // Shown before anything takes effect: the upstream's name and the fingerprint of its key.
    const preview = await request(a.url).post('/api/federation/preview').set(as(aAdmin)).send({ code: first.code });
    assert.equal(preview.status, 200, JSON.stringify(preview.body));
    assert.equal(preview.body.upstream.fingerprint, identity.fingerprint);
    const joined = await enroll(a, aAdmin, first.code);
    assert.ok(joined.status < 300, JSON.stringify(joined.body));

    const again = await enroll(b, bAdmin, first.code);
    assert.equal(again.status, 409, JSON.stringify(again.body));
    assert.equal(code(again.body), 'federation.codeRefused');

    const revoked = await mint('Le Garage');
    await request(hub.url).delete(`/api/fleet/tokens/${revoked.id}`).set(as(hubAdmin)).expect(204);
    assert.equal(code((await enroll(b, bAdmin, revoked.code).expect(409)).body), 'federation.codeRefused');

    const expired = await mint('Le Garage');
    // The upstream's clock is its process's own: the code's expiry is moved into the past in its real SQLite.
    const db = new Database(join(hub.dataDir, 'appliance.sqlite'));
    try {
      db.prepare(`UPDATE fleet_enrollment_token SET expires_at = '2000-01-01 00:00:00.000' WHERE id = ?`).run(
        expired.id,
      );
    } finally {
      db.close();
    }
    assert.equal(code((await enroll(b, bAdmin, expired.code).expect(409)).body), 'federation.codeRefused');

    const genuine = await mint('Le Garage');
    const parts = decodeEnrollmentCode(genuine.code)!;
    const forgedToken = encodeEnrollmentCode({ ...parts, token: 'x'.repeat(43) });
    assert.equal(code((await enroll(b, bAdmin, forgedToken).expect(409)).body), 'federation.codeRefused');
    const forgedKey = encodeEnrollmentCode({ ...parts, fingerprint: '0000:0000:0000:0000:0000:0000:0000:0000' });
    const mismatch = await request(b.url).post('/api/federation/preview').set(as(bAdmin)).send({ code: forgedKey });
    assert.equal(code(mismatch.body), 'federation.fingerprintMismatch', JSON.stringify(mismatch.body));

    // The genuine code was not spent by the refusals around it.
    const ok = await enroll(b, bAdmin, genuine.code);
    assert.ok(ok.status < 300, JSON.stringify(ok.body));
  });

  it('shows both in the fleet view with live status within two heartbeats', async () => {
    const rows = await eventually(
      async () => {
        const list = await fleet();
        return list.length === 2 && list.every((r) => r.lastSeenAt !== null) && list;
      },
      'both appliances seen',
      { timeoutMs: 3 * HEARTBEAT_MS + 5000 },
    );
    // Each appliance knows the id the upstream gave it.
    const idOf = async (server: ServerProcess, session: Session) =>
      (await request(server.url).get('/api/federation').set('Cookie', session.cookie).expect(200)).body
        .applianceId as string;
    [aId, bId] = await Promise.all([idOf(a, aAdmin), idOf(b, bAdmin)]);
    assert.deepEqual(rows.map((r) => r.id).sort(), [aId, bId].sort());
    const seen = rows.find((r) => r.id === aId)!.lastSeenAt!;
    await eventually(
      async () => (await fleet()).find((r) => r.id === aId)!.lastSeenAt! > seen,
      'the next heartbeat updates it',
    );
    const status = await request(a.url).get('/api/federation').set('Cookie', aAdmin.cookie).expect(200);
    assert.equal(status.body.state, 'enrolled');
  });

  it('runs a command issued upstream on the appliance, and its result appears upstream', async () => {
    const issued = await request(hub.url)
      .post(`/api/fleet/appliances/${aId}/commands`)
      .set(as(hubAdmin))
      .send({ type: 'diagnostics.collect' })
      .expect(201);
    const done = await eventually(async () => {
      const list = (await request(hub.url).get(`/api/fleet/appliances/${aId}/commands`).set('Cookie', hubAdmin.cookie))
        .body as CommandRow[];
      const row = list.find((c) => c.id === issued.body.id);
      return row && row.status !== 'pending' && row;
    }, 'the command is acknowledged');
    assert.equal(done.status, 'done', JSON.stringify(done));
  });

  const commandsOf = async (applianceId: string) =>
    (await request(hub.url).get(`/api/fleet/appliances/${applianceId}/commands`).set('Cookie', hubAdmin.cookie))
      .body as CommandRow[];

  it('runs a backup issued upstream on the appliance; the run and the last backup show upstream', async () => {
    const issued = await request(hub.url)
      .post(`/api/fleet/appliances/${aId}/commands`)
      .set(as(hubAdmin))
      .send({ type: 'backup.run' })
      .expect(201);
    const done = await eventually(
      async () => {
        const row = (await commandsOf(aId)).find((c) => c.id === issued.body.id);
        return row && row.status !== 'pending' && row;
      },
      'the backup command is acknowledged',
      { timeoutMs: 180_000 },
    );
    assert.equal(done.status, 'done', JSON.stringify(done));
    // The appliance really made a backup point, and says so in its next heartbeats.
    const local = await request(a.url).get('/api/backups').set('Cookie', aAdmin.cookie).expect(200);
    assert.ok(local.body.lastSuccessAt, JSON.stringify(local.body.runs));
    await eventually(
      async () => (await fleet()).find((r) => r.id === aId)?.lastBackupAt !== null,
      'the fleet view shows the last backup',
    );
  });

  it('refuses a forged, a replayed and a non-allowlisted command and says so upstream; an expired one never leaves', async () => {
    // What a compromised or broken upstream database could hand out: rows written straight into it.
    const hubKey = createPrivateKey(readFileSync(join(hub.dataDir, 'secrets', 'fleet-signing-key.pem')));
    const strangerKey = generateKeyPairSync('ed25519').privateKey;
    const db = new Database(join(hub.dataDir, 'appliance.sqlite'));
    const insert = (key: KeyObject, type: string, expiresAt: Date): string => {
      const issuedAt = new Date(Math.min(Date.now(), expiresAt.getTime() - 60_000));
      const command = {
        id: randomUUID(),
        applianceId: aId,
        type,
        params: {},
        issuedAt: issuedAt.toISOString(),
        expiresAt: expiresAt.toISOString(),
      };
      const { signature } = signCommand(key, command);
      db.prepare(
        `INSERT INTO fleet_command (id, appliance_id, type, params, issued_at, expires_at, signature, status)
         VALUES (?, ?, ?, '{}', ?, ?, ?, 'pending')`,
      ).run(command.id, aId, type, sqliteDate(issuedAt), sqliteDate(expiresAt), signature);
      return command.id;
    };
    const inAnHour = new Date(Date.now() + 3_600_000);
    let forged = '';
    let notAllowed = '';
    let expired = '';
    let replayed = '';
    try {
      forged = insert(strangerKey, 'diagnostics.collect', inAnHour);
      notAllowed = insert(hubKey, 'shell.exec', inAnHour);
      expired = insert(hubKey, 'backup.run', new Date(Date.now() - 60_000));
      // A replay: a command already run and answered is handed out again, signature and all.
      replayed = (await commandsOf(aId)).find((c) => c.type === 'diagnostics.collect' && c.status === 'done')!.id;
      db.prepare(`UPDATE fleet_command SET status = 'pending', detail = NULL, acked_at = NULL WHERE id = ?`).run(
        replayed,
      );
    } finally {
      db.close();
    }
    const answered = await eventually(async () => {
      const rows = await commandsOf(aId);
      const pick = (id: string) => rows.find((c) => c.id === id)!;
      const all = [pick(forged), pick(notAllowed), pick(expired), pick(replayed)];
      return all.every((c) => c.status !== 'pending') && all;
    }, 'every planted command is answered');
    assert.deepEqual(
      answered.map((c) => [c.status, c.detail]),
      [
        ['refused', 'link.refused.bad-signature'],
        ['refused', 'link.refused.not-allowed'],
        ['expired', null],
        ['refused', 'link.refused.duplicate'],
      ],
    );
  });

  it('leaves both appliances working while the upstream is down; they reconnect on their own', async () => {
    await hub.stop();
    for (const [server, session] of [
      [a, aAdmin],
      [b, bAdmin],
    ] as const) {
      await request(server.url).get('/api/health').expect(200);
      await request(server.url).get('/api/members').set('Cookie', session.cookie).expect(200);
      await eventually(async () => {
        const status = await request(server.url).get('/api/federation').set('Cookie', session.cookie).expect(200);
        return Boolean(status.body.lastError);
      }, 'the link says the upstream does not answer');
    }
    const downAt = new Date().toISOString();
    await hub.start();
    await eventually(
      async () => (await fleet()).every((r) => r.lastSeenAt !== null && r.lastSeenAt > downAt),
      'both heard from again',
      { timeoutMs: 60_000 },
    );
  });

  it('refuses a revoked appliance (403) and drops an unenrolled one from the active ones', async () => {
    await request(hub.url).delete(`/api/fleet/appliances/${bId}`).set(as(hubAdmin)).expect(204);
    await eventually(async () => {
      const status = await request(b.url).get('/api/federation').set('Cookie', bAdmin.cookie).expect(200);
      return status.body.state === 'revoked';
    }, 'the revoked appliance sees the 403');

    const left = await request(a.url).delete('/api/federation').set(as(aAdmin));
    assert.equal(left.status, 200, JSON.stringify(left.body));
    assert.equal(left.body.upstreamConfirmed, true);
    const status = await request(a.url).get('/api/federation').set('Cookie', aAdmin.cookie).expect(200);
    assert.equal(status.body.state, 'none');
    // The host's off-site place is kept (readable for a restore) but copies to it stop.
    const places = await request(a.url).get('/api/backups/targets').set('Cookie', aAdmin.cookie).expect(200);
    const offsite = (places.body as { targets: { location: string; enabled: boolean }[] }).targets.filter((p) =>
      p.location.includes('/api/fleet/offsite/'),
    );
    assert.equal(offsite.length, 1, JSON.stringify(places.body));
    assert.equal(offsite[0].enabled, false);
    const rows = await fleet();
    assert.equal(rows.find((r) => r.id === aId)?.status, 'left');
    assert.equal(rows.find((r) => r.id === bId)?.status, 'revoked');
    assert.deepEqual(
      rows.filter((r) => r.status === 'active'),
      [],
    );
  });
});
