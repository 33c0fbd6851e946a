import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { DataDirRepository } from '../../server/src/platform/data-dir.repository';
import { decodeEnrollmentCode } from '../../server/src/fleet-link/enrollment-code';
import { keyFingerprint, publicKeyFromBase64 } from '../../server/src/fleet-link/key-fingerprint';
import type { SignedCommand } from '../../server/src/fleet-link/link.types';
import { checkCommand } from '../../server/src/fleet-link/signed-command';
import { deviceKeys, type DeviceKeys, FleetHttpApp } from '../support/medium-fleet';
import type { Session } from '../support/medium-http';

const HEARTBEAT = {
  version: '0.2.0',
  services: [
    { name: 'chat', state: 'running', health: 'healthy' },
    { name: 'pad', state: 'running', health: 'unhealthy' },
  ],
  diskFreeBytes: 12_345_678,
  lastBackupAt: null,
};

/**
 * The upstream's fleet over HTTP on real SQLite: enrollment codes, the device routes authenticated by
 * signatures only (keys made here, requests signed with fleet-link/link-signature.ts), the registry
 * and signed commands.
 */
describe('medium: the upstream fleet over HTTP', () => {
  let hub: FleetHttpApp;
  let admin: Session;
  const api = () => request(hub.server);
  const as = (s: Session) => ({ Cookie: s.cookie, 'x-csrf-token': s.csrf });

  async function mint(community = 'La Fabrique', expiresInHours?: number) {
    const res = await api().post('/api/fleet/tokens').set(as(admin)).send({ community, expiresInHours }).expect(201);
    const decoded = decodeEnrollmentCode(res.body.code as string);
    assert.ok(decoded, 'the code decodes');
    return { id: res.body.id as string, token: decoded.token, body: res.body as Record<string, unknown> };
  }

  function enroll(token: string, keys: DeviceKeys, name = 'La Fabrique', from?: string) {
    return hub.signed(
      'POST',
      '/api/fleet/device/enroll',
      { token, publicKey: keys.publicKey, name, version: '0.1.0' },
      {
        keys,
        from,
      },
    );
  }

  async function enrolled(name: string): Promise<{ id: string; keys: DeviceKeys }> {
    const keys = deviceKeys();
    const res = await enroll((await mint(name)).token, keys, name).expect(201);
    return { id: res.body.applianceId as string, keys };
  }

  const errorCode = (body: { errors?: Array<{ code: string }> }) => body.errors?.[0]?.code;

  before(async () => {
    hub = await FleetHttpApp.start();
    admin = await hub.admin('camille');
  });
  after(() => hub?.dispose());

  it("shows the hub's identity; its key is a 0600 file, not in the database", async () => {
    const res = await api().get('/api/fleet').set(as(admin)).expect(200);
    assert.equal(res.body.name, 'Coop Hébergement');
    assert.equal(res.body.url, hub.publicUrl);
    const about = await api().get('/api/fleet/device/about').expect(200);
    assert.equal(about.body.fingerprint, res.body.fingerprint);
    assert.equal(keyFingerprint(about.body.publicKey as string), res.body.fingerprint);
    const file = new DataDirRepository(hub.dataDir).fleetSigningKeyFile;
    assert.equal(statSync(file).mode & 0o777, 0o600);
  });

  it('admin routes need a session, and the CSRF header for writes', async () => {
    await api().get('/api/fleet/appliances').expect(401);
    await api().post('/api/fleet/tokens').set('Cookie', admin.cookie).send({ community: 'X' }).expect(403);
  });

  it('mints a code with the URL and the fingerprint (the web app draws the QR code); the list holds no secret', async () => {
    const { id, token, body } = await mint('Le Bocal', 48);
    const identity = (await api().get('/api/fleet').set(as(admin)).expect(200)).body;
    assert.equal(body.url, hub.publicUrl);
    assert.equal(body.fingerprint, identity.fingerprint);
    assert.equal(decodeEnrollmentCode(body.code as string)?.url, hub.publicUrl);
    assert.equal(body.qrSvg, undefined, 'no picture drawn by the server');
    assert.equal(Date.parse(body.expiresAt as string) - Date.parse(body.createdAt as string), 48 * 3_600_000);
    const list = await api().get('/api/fleet/tokens').set(as(admin)).expect(200);
    const listed = JSON.stringify(list.body);
    assert.ok(listed.includes(id));
    assert.ok(!listed.includes(token), 'the token is not listed');
    const rows = JSON.stringify(await hub.dataSource.query('SELECT * FROM "fleet_enrollment_token"'));
    assert.ok(!rows.includes(token), 'only the token hash is stored');
    await api().post('/api/fleet/tokens').set(as(admin)).send({ community: 'X', expiresInHours: 169 }).expect(400);
  });

  it('enrolls once; the same code again is refused (409 used)', async () => {
    const { token } = await mint();
    const keys = deviceKeys();
    const res = await enroll(token, keys).expect(201);
    assert.match(res.body.applianceId as string, /^[0-9a-f-]{36}$/);
    assert.equal(res.body.upstream.name, 'Coop Hébergement');
    const again = await enroll(token, deviceKeys()).expect(409);
    assert.equal(errorCode(again.body), 'used');
  });

  it('refuses an expired, a revoked and a forged code (409 with the reason)', async () => {
    const expired = await mint('Expirée', 1);
    hub.clock.offsetMs = 2 * 3_600_000;
    try {
      assert.equal(errorCode((await enroll(expired.token, deviceKeys()).expect(409)).body), 'expired');
    } finally {
      hub.clock.offsetMs = 0;
    }
    const revoked = await mint('Révoquée');
    await api().delete(`/api/fleet/tokens/${revoked.id}`).set(as(admin)).expect(204);
    assert.equal(errorCode((await enroll(revoked.token, deviceKeys()).expect(409)).body), 'revoked');
    const forged = 'A'.repeat(43);
    assert.equal(errorCode((await enroll(forged, deviceKeys()).expect(409)).body), 'unknown');
  });

  it('a used code cannot be revoked (409)', async () => {
    const { id, token } = await mint();
    await enroll(token, deviceKeys()).expect(201);
    await api().delete(`/api/fleet/tokens/${id}`).set(as(admin)).expect(409);
  });

  it('two concurrent enrollments with one code make one appliance', async () => {
    const { id, token } = await mint('Concurrente');
    const before = (await api().get('/api/fleet/appliances').set(as(admin)).expect(200)).body.length as number;
    const answers = await Promise.all([enroll(token, deviceKeys(), 'A'), enroll(token, deviceKeys(), 'B')]);
    assert.deepEqual(answers.map((r) => r.status).sort(), [201, 409]);
    const list = (await api().get('/api/fleet/appliances').set(as(admin)).expect(200)).body as unknown[];
    assert.equal(list.length, before + 1);
    const tokens = (await api().get('/api/fleet/tokens').set(as(admin)).expect(200)).body as Array<{
      id: string;
      applianceId: string | null;
    }>;
    const winner = answers.find((r) => r.status === 201)!.body.applianceId as string;
    assert.equal(tokens.find((t) => t.id === id)?.applianceId, winner);
  });

  it('an enrollment must be signed by the key it enrolls', async () => {
    const { token } = await mint();
    const keys = deviceKeys();
    const other = deviceKeys();
    const res = await hub
      .signed(
        'POST',
        '/api/fleet/device/enroll',
        { token, publicKey: keys.publicKey, name: 'X', version: '1' },
        {
          keys: other,
        },
      )
      .expect(401);
    assert.equal(errorCode(res.body), 'bad-signature');
    // The code was not spent by the refused request.
    await enroll(token, keys).expect(201);
  });

  it('a heartbeat updates the fleet list, with the reasons it needs attention', async () => {
    const { id, keys } = await enrolled('Le Jardin');
    const beat = await hub
      .signed('POST', '/api/fleet/device/heartbeat', HEARTBEAT, { keys, applianceId: id })
      .expect(200);
    assert.equal(beat.body.pendingCommands, 0);
    const list = (await api().get('/api/fleet/appliances').set(as(admin)).expect(200)).body as Array<
      Record<string, unknown>
    >;
    const row = list.find((a) => a.id === id)!;
    assert.equal(row.name, 'Le Jardin');
    assert.equal(row.version, '0.2.0');
    assert.equal(row.status, 'active');
    assert.equal(row.diskFreeBytes, 12_345_678);
    assert.deepEqual(row.services, HEARTBEAT.services);
    assert.ok(Date.parse(row.lastSeenAt as string) >= Date.parse(row.enrolledAt as string), 'seen at the heartbeat');
    assert.deepEqual(row.attention, ['serviceUnhealthy', 'noRecentBackup']);

    const fine = { ...HEARTBEAT, services: [HEARTBEAT.services[0]], lastBackupAt: hub.clock.now().toISOString() };
    await hub.signed('POST', '/api/fleet/device/heartbeat', fine, { keys, applianceId: id }).expect(200);
    const attention = (await api().get('/api/fleet/appliances?attention=1').set(as(admin)).expect(200)).body as Array<{
      id: string;
    }>;
    assert.ok(!attention.some((a) => a.id === id), 'a healthy, backed-up appliance needs no attention');
    const all = (await api().get('/api/fleet/appliances').set(as(admin)).expect(200)).body as Array<{ id: string }>;
    assert.ok(all.some((a) => a.id === id));
  });

  it('refuses a replayed nonce, a skewed clock, a bad or missing signature, a tampered body, an unknown appliance (401)', async () => {
    const { id, keys } = await enrolled('La Forge');
    const nonce = 'replayed-nonce-0123456789';
    await hub.signed('POST', '/api/fleet/device/heartbeat', HEARTBEAT, { keys, applianceId: id, nonce }).expect(200);
    const replay = await hub
      .signed('POST', '/api/fleet/device/heartbeat', HEARTBEAT, { keys, applianceId: id, nonce })
      .expect(401);
    assert.equal(errorCode(replay.body), 'replay');

    const old = new Date(hub.clock.now().getTime() - 6 * 60_000).toISOString();
    const skew = await hub
      .signed('POST', '/api/fleet/device/heartbeat', HEARTBEAT, { keys, applianceId: id, timestamp: old })
      .expect(401);
    assert.equal(errorCode(skew.body), 'skew');

    const bad = await hub
      .signed('POST', '/api/fleet/device/heartbeat', HEARTBEAT, { keys: deviceKeys(), applianceId: id })
      .expect(401);
    assert.equal(errorCode(bad.body), 'bad-signature');

    const tampered = await hub
      .signed(
        'POST',
        '/api/fleet/device/heartbeat',
        { ...HEARTBEAT, version: '9.9.9' },
        {
          keys,
          applianceId: id,
          signedBody: JSON.stringify(HEARTBEAT),
        },
      )
      .expect(401);
    assert.equal(errorCode(tampered.body), 'bad-signature');

    const missing = await api()
      .post('/api/fleet/device/heartbeat')
      .set('x-tl-appliance', id)
      .send(HEARTBEAT)
      .expect(401);
    assert.equal(errorCode(missing.body), 'missing');

    const unknown = await hub
      .signed('GET', '/api/fleet/device/commands', undefined, {
        keys,
        applianceId: '00000000-0000-4000-8000-000000000000',
      })
      .expect(401);
    assert.equal(errorCode(unknown.body), 'unknown-appliance');

    const stored = await hub.dataSource.query('SELECT * FROM "fleet_link_nonce" WHERE "nonce" = ?', [nonce]);
    assert.equal(stored.length, 1, 'nonces live in the database');
  });

  it('commands: issued signed, polled, verified with the hub key, acknowledged, results shown', async () => {
    const { id, keys } = await enrolled('La Ruche');
    const issued = await api()
      .post(`/api/fleet/appliances/${id}/commands`)
      .set(as(admin))
      .send({ type: 'backup.run' })
      .expect(201);
    assert.equal(issued.body.status, 'pending');
    const beat = await hub
      .signed('POST', '/api/fleet/device/heartbeat', HEARTBEAT, { keys, applianceId: id })
      .expect(200);
    assert.equal(beat.body.pendingCommands, 1);

    const polled = await hub
      .signed('GET', '/api/fleet/device/commands', undefined, { keys, applianceId: id })
      .expect(200);
    const commands = polled.body as SignedCommand[];
    assert.equal(commands.length, 1);
    assert.equal(commands[0].command.id, issued.body.id);
    const about = await api().get('/api/fleet/device/about').expect(200);
    const hubKey = publicKeyFromBase64(about.body.publicKey as string);
    assert.equal(checkCommand(hubKey, commands[0], id, hub.clock.now()), undefined, 'the signature verifies');
    assert.equal(checkCommand(hubKey, commands[0], 'another', hub.clock.now()), 'other-appliance');

    const ack = { outcome: 'done', detail: 'backup.done', result: { snapshot: 'abc123', bytes: 42 } };
    await hub
      .signed('POST', `/api/fleet/device/commands/${issued.body.id as string}/ack`, ack, { keys, applianceId: id })
      .expect(204);
    // A repeated ack (its answer was lost) is accepted and changes nothing.
    await hub
      .signed(
        'POST',
        `/api/fleet/device/commands/${issued.body.id as string}/ack`,
        { outcome: 'failed', detail: 'x' },
        {
          keys,
          applianceId: id,
        },
      )
      .expect(204);
    const after = await hub
      .signed('GET', '/api/fleet/device/commands', undefined, { keys, applianceId: id })
      .expect(200);
    assert.deepEqual(after.body, []);
    const recent = (await api().get(`/api/fleet/appliances/${id}/commands`).set(as(admin)).expect(200)).body as Array<
      Record<string, unknown>
    >;
    assert.equal(recent[0].status, 'done');
    assert.equal(recent[0].detail, 'backup.done');
    assert.deepEqual(recent[0].result, { snapshot: 'abc123', bytes: 42 });
  });

  it('refuses a type outside the allowlist (400); an expired command is not handed out', async () => {
    const { id, keys } = await enrolled('Le Fournil');
    const refused = await api()
      .post(`/api/fleet/appliances/${id}/commands`)
      .set(as(admin))
      .send({ type: 'shell.exec', params: { cmd: 'rm -rf /' } })
      .expect(400);
    assert.equal(refused.body.errors[0].field, 'type');
    await api()
      .post(`/api/fleet/appliances/${id}/commands`)
      .set(as(admin))
      .send({ type: 'service.restart', params: { service: { nested: 1 } } })
      .expect(400);
    const short = await api()
      .post(`/api/fleet/appliances/${id}/commands`)
      .set(as(admin))
      .send({ type: 'service.restart', params: { service: 'chat' }, expiresInMinutes: 1 })
      .expect(201);
    hub.clock.offsetMs = 2 * 60_000;
    try {
      const polled = await hub
        .signed('GET', '/api/fleet/device/commands', undefined, { keys, applianceId: id })
        .expect(200);
      assert.deepEqual(polled.body, []);
    } finally {
      hub.clock.offsetMs = 0;
    }
    const recent = (await api().get(`/api/fleet/appliances/${id}/commands`).set(as(admin)).expect(200)).body as Array<{
      id: string;
      status: string;
    }>;
    assert.equal(recent.find((c) => c.id === short.body.id)?.status, 'expired');
  });

  it('one command to many appliances, all or none', async () => {
    const a = await enrolled('A');
    const b = await enrolled('B');
    const res = await api()
      .post('/api/fleet/commands')
      .set(as(admin))
      .send({ applianceIds: [a.id, b.id], type: 'diagnostics.collect' })
      .expect(201);
    assert.deepEqual(
      (res.body as Array<{ applianceId: string }>).map((c) => c.applianceId).sort(),
      [a.id, b.id].sort(),
    );
    await api()
      .post('/api/fleet/commands')
      .set(as(admin))
      .send({ applianceIds: [a.id, '00000000-0000-4000-8000-000000000000'], type: 'backup.run' })
      .expect(404);
    const recent = (await api().get(`/api/fleet/appliances/${a.id}/commands`).set(as(admin)).expect(200))
      .body as unknown[];
    assert.equal(recent.length, 1, 'nothing issued when one appliance is unknown');
  });

  it('a revoked appliance gets 403 and takes no command (409)', async () => {
    const { id, keys } = await enrolled('Révoqué');
    await api().delete(`/api/fleet/appliances/${id}`).set(as(admin)).expect(204);
    const res = await hub
      .signed('POST', '/api/fleet/device/heartbeat', HEARTBEAT, { keys, applianceId: id })
      .expect(403);
    assert.equal(errorCode(res.body), 'revoked');
    await hub.signed('GET', '/api/fleet/device/commands', undefined, { keys, applianceId: id }).expect(403);
    await api().post(`/api/fleet/appliances/${id}/commands`).set(as(admin)).send({ type: 'backup.run' }).expect(409);
    const row = (
      (await api().get('/api/fleet/appliances').set(as(admin)).expect(200)).body as Array<{
        id: string;
        status: string;
      }>
    ).find((a) => a.id === id);
    assert.equal(row?.status, 'revoked');
  });

  it('an appliance that leaves is marked left; its requests are refused from then on', async () => {
    const { id, keys } = await enrolled('Partie');
    await hub.signed('POST', '/api/fleet/device/leave', {}, { keys, applianceId: id }).expect(204);
    const res = await hub
      .signed('POST', '/api/fleet/device/heartbeat', HEARTBEAT, { keys, applianceId: id })
      .expect(403);
    assert.equal(errorCode(res.body), 'left');
    const row = (
      (await api().get('/api/fleet/appliances').set(as(admin)).expect(200)).body as Array<{
        id: string;
        status: string;
      }>
    ).find((a) => a.id === id);
    assert.equal(row?.status, 'left');
  });

  it('throttles enrollments per address before checking anything (429)', async () => {
    const from = '203.0.113.9';
    let status = 0;
    for (let i = 0; i < 30 && status !== 429; i++) {
      status = (await enroll('B'.repeat(43), deviceKeys(), 'X', from)).status;
    }
    assert.equal(status, 429);
    // Another address is not held back.
    await enroll('B'.repeat(43), deviceKeys(), 'X', '203.0.113.10').expect(409);
  });
});
