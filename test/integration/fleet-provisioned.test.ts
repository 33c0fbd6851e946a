import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { eventually } from '../support/eventually';
import { hubProcess } from '../support/hub';
import { ServerProcess, tempDataDir } from '../support/server-process';
import { sessionFrom, setupPayload } from '../support/setup-payload';

type Session = { cookie: string; csrf: string };
interface FleetRow {
  id: string;
  name: string;
  status: string;
  lastSeenAt: string | null;
}

const HEARTBEAT_MS = 500;

/**
 * Issue 12, pre-provisioned enrollment, with real processes on loopback: a co-op puts its code in the
 * device's data volume; on first boot the appliance joins, and nothing is sent to the host until the
 * local admin confirms (or refuses) on the dashboard. A refused or unreadable code is set aside.
 */
describe('pre-provisioned enrollment: joined on first boot, confirmed or refused by the local admin', () => {
  let hub: ServerProcess;
  let hubAdmin: Session;
  const appliances: ServerProcess[] = [];
  const as = (s: Session) => ({ Cookie: s.cookie, 'x-csrf-token': s.csrf });

  async function setUp(server: ServerProcess): Promise<Session> {
    const res = await request(server.url)
      .post('/api/setup')
      .send({ ...setupPayload(server.setupTokenFromLog()), features: [] })
      .expect(201);
    return sessionFrom(res.headers['set-cookie']);
  }

  async function mint(community: string): Promise<string> {
    const res = await request(hub.url).post('/api/fleet/tokens').set(as(hubAdmin)).send({ community }).expect(201);
    return res.body.code as string;
  }

  async function fleet(): Promise<FleetRow[]> {
    return (await request(hub.url).get('/api/fleet/appliances').set('Cookie', hubAdmin.cookie).expect(200))
      .body as FleetRow[];
  }

  /** A device as the co-op ships it: the code in its data volume before its first boot. */
  async function provisioned(label: string, code: string): Promise<ServerProcess> {
    const server = new ServerProcess(tempDataDir(label), { TLS_MODE: 'off', LINK_HEARTBEAT_MS: String(HEARTBEAT_MS) });
    appliances.push(server);
    writeFileSync(join(server.dataDir, 'enrollment-code'), `${code}\n`, { mode: 0o600 });
    await server.start();
    return server;
  }

  const link = async (server: ServerProcess, session: Session) =>
    (await request(server.url).get('/api/federation').set('Cookie', session.cookie).expect(200)).body as {
      state: string;
      applianceId?: string;
      upstream?: { name: string };
    };

  before(async () => {
    hub = await hubProcess('provisioned-hub');
    await hub.start();
    // A hub's wizard asks the same question and hears "none": it follows no host.
    const none = await request(hub.url).post('/api/setup/link').send({ setupToken: hub.setupTokenFromLog() });
    assert.deepEqual([none.status, none.body], [200, { state: 'none' }]);
    hubAdmin = await setUp(hub);
  });

  after(async () => {
    await Promise.all([hub?.dispose(), ...appliances.map((a) => a.dispose())]);
  });

  it('joins on first boot and sends nothing until an admin confirms; then heartbeats flow', async () => {
    const device = await provisioned('provisioned-a', await mint('La Fabrique'));
    await eventually(() => !existsSync(join(device.dataDir, 'enrollment-code')), 'the code file is used');
    // The wizard sees the link behind the setup token only (the host's name is not a passer-by's business).
    const wizardLink = (setupToken: string) => request(device.url).post('/api/setup/link').send({ setupToken });
    await wizardLink('not-the-token').expect(403);
    const shown = (await wizardLink(device.setupTokenFromLog()).expect(200)).body as {
      state: string;
      upstream?: object;
    };
    const admin = await setUp(device);
    const awaiting = await link(device, admin);
    assert.equal(awaiting.state, 'awaiting');
    assert.ok(awaiting.upstream?.name);
    assert.deepEqual(shown, { state: 'awaiting', upstream: awaiting.upstream });
    await wizardLink(device.setupTokenFromLog()).expect(409); // set up: the wizard is closed
    const row = (await fleet()).find((r) => r.id === awaiting.applianceId);
    assert.ok(row, 'the host lists the device that arrived');
    // Unnamed before its setup: the host keeps the community the code was minted for.
    assert.equal(row.name, 'La Fabrique');
    // Several heartbeat intervals later, still nothing from it (last seen: its enrollment).
    await new Promise((resolve) => setTimeout(resolve, 4 * HEARTBEAT_MS));
    assert.equal((await fleet()).find((r) => r.id === awaiting.applianceId)?.lastSeenAt, row.lastSeenAt);

    const confirmed = await request(device.url).post('/api/federation/confirm').set(as(admin)).expect(200);
    assert.equal(confirmed.body.state, 'enrolled');
    await eventually(
      async () => (await fleet()).find((r) => r.id === awaiting.applianceId)?.lastSeenAt !== row.lastSeenAt,
      'the first heartbeat after the confirmation',
      { timeoutMs: 10 * HEARTBEAT_MS + 5000 },
    );
    const again = await request(device.url).post('/api/federation/confirm').set(as(admin)).expect(409);
    assert.equal(again.body.errors?.[0]?.code, 'federation.notAwaiting');
  });

  it('refusing leaves the host, which sees the device left; nothing was sent', async () => {
    const device = await provisioned('provisioned-b', await mint('Le Hangar'));
    await eventually(() => !existsSync(join(device.dataDir, 'enrollment-code')), 'the code file is used');
    const admin = await setUp(device);
    const { applianceId } = await link(device, admin);
    const left = await request(device.url).delete('/api/federation').set(as(admin)).expect(200);
    assert.equal(left.body.upstreamConfirmed, true);
    assert.equal((await link(device, admin)).state, 'none');
    const row = (await fleet()).find((r) => r.id === applianceId);
    assert.equal(row?.status, 'left');
  });

  it('sets a refused code aside (enrollment-code.refused) and joins nothing', async () => {
    const code = await mint('La Cantine');
    // Spent first by another device: the host refuses it the second time.
    const first = await provisioned('provisioned-c', code);
    await eventually(() => !existsSync(join(first.dataDir, 'enrollment-code')), 'the first device used it');
    const second = await provisioned('provisioned-d', code);
    const refused = join(second.dataDir, 'enrollment-code.refused');
    await eventually(() => existsSync(refused), 'the refused code is set aside');
    assert.match(readFileSync(refused, 'utf8'), /federation\.codeRefused/);
    assert.equal(existsSync(join(second.dataDir, 'enrollment-code')), false);
    assert.equal((await link(second, await setUp(second))).state, 'none');
  });
});
