/**
 * The image as a volunteer runs it, end to end: setup over HTTP brings the chat stack up as sibling
 * containers (test images through IMAGE_OVERRIDES), the admin logs in to Matrix through the proxy,
 * backups run and restore from inside it, and a replaced manager container finds everything on the same
 * volume. Also the recovery CLI.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import {
  act,
  ADMIN_PASSWORD,
  applianceIdOf,
  DOMAIN,
  jobError,
  login,
  matrixLogin,
  newChatAdminPassword,
  reconciledSince,
  type Session,
  waitFeature,
  waitJob,
} from '../support/appliance';
import { docker, waitHealthy } from '../support/docker-cli';
import { freePort } from '../support/server-process';
import { setupPayload } from '../support/setup-payload';
import { cleanupAppliance, requireEngineAndImages, testEngine, testImageOverrides } from '../support/test-images';

const IMAGE = process.env.APPLIANCE_IMAGE || 'tiers-lieux/appliance:dev';
const RUN_ID = Date.now().toString(36);
const NAME = `tl-img-chat-${RUN_ID}`;
const VOLUME = `tl-img-chat-data-${RUN_ID}`;
const engine = testEngine();

describe('appliance image: chat stack from inside the container, replaced manager, recovery CLI', () => {
  let port = 0;
  let proxyPort = '';
  let runArgs: string[] = [];
  let session: Session;
  let applianceId = '';
  let siblings: string[] = [];
  const api = () => ({ url: `http://127.0.0.1:${port}` });

  before(async () => {
    await requireEngineAndImages();
    assert.equal((await docker(['image', 'inspect', IMAGE])).code, 0, `build ${IMAGE} first: scripts/image/build.sh`);
    port = await freePort();
    proxyPort = String(await freePort());
    runArgs = [
      'run',
      '--detach',
      '--pull',
      'never',
      '--name',
      NAME,
      '--volume',
      '/var/run/docker.sock:/var/run/docker.sock',
      '--volume',
      `${VOLUME}:/data`,
      '--publish',
      `127.0.0.1:${port}:8080`,
      '--env',
      'TLS_MODE=off',
      '--env',
      `PROXY_HTTP_PORT=${proxyPort}`,
      '--env',
      `PROXY_HTTPS_PORT=${await freePort()}`,
      '--env',
      `IMAGE_OVERRIDES=${JSON.stringify(testImageOverrides())}`,
      '--env',
      'RECONCILE_INTERVAL=10',
      IMAGE,
    ];
    assert.equal((await docker(runArgs)).code, 0);
    await waitHealthy(NAME);
  });

  after(async () => {
    await docker(['rm', '--force', NAME]);
    if (applianceId) await cleanupAppliance(applianceId);
    await docker(['volume', 'rm', '--force', VOLUME]);
  });

  it('completes setup over HTTP and brings the chat stack up as sibling containers', async () => {
    const token = /setup token: (\S+)/.exec((await docker(['logs', NAME])).out)?.[1];
    assert.ok(token, 'no setup token in the log');
    await request(api().url)
      .post('/api/setup')
      .send({ ...setupPayload(token), domain: DOMAIN, features: ['chat'] })
      .expect(201);
    session = await login(api());
    await waitFeature(api(), session, 'chat', (s) => s.state === 'running' && s.health === 'healthy', 300_000);
    applianceId = await applianceIdOf(api(), session);
    const list = await engine.listManaged(applianceId);
    assert.deepEqual(list.map((c) => c.serviceId).sort(), ['element', 'postgres', 'proxy', 'synapse']);
    siblings = list.map((c) => c.id).sort();
  });

  it('lets the admin log in to Matrix through the proxy published on the host, with a password from the dashboard', async () => {
    // The dashboard password is not the chat admin's; the dashboard sets a new one on request.
    assert.equal((await matrixLogin(proxyPort, 'camille', ADMIN_PASSWORD)).status, 403);
    const { password } = await newChatAdminPassword(api(), session);
    const res = await matrixLogin(proxyPort, 'camille', password);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.ok(res.body.access_token);
  });

  it('backs up and restores chat from inside the image: the manager (uid 10001) hands its own data volume to restic', async () => {
    const backup = await act(api(), session, '/api/backups', {});
    const done = await waitJob(api(), session, backup);
    assert.equal(done.job.state, 'succeeded', jobError(done.job));
    const overview = await request(api().url).get('/api/backups').set('Cookie', session.cookie).expect(200);
    const [point] = (overview.body as { snapshots: Array<{ id: string; services: string[] }> }).snapshots;
    assert.deepEqual(point.services, ['appliance', 'chat']);
    const restore = await act(api(), session, `/api/backups/${point.id}/restore`, { services: ['chat'] });
    const restored = await waitJob(api(), session, restore);
    assert.equal(restored.job.state, 'succeeded', jobError(restored.job));
    await waitFeature(api(), session, 'chat', (s) => s.state === 'running' && s.health === 'healthy', 120_000);
    // Chat's containers were made anew by the restore; the proxy and Postgres kept theirs.
    const now = (await engine.listManaged(applianceId)).map((c) => c.id).sort();
    assert.equal(now.filter((id) => siblings.includes(id)).length, 2);
    siblings = now;
  });

  it('keeps admin, settings and features when the manager container is replaced; recreates nothing', async () => {
    assert.equal((await docker(['rm', '--force', NAME])).code, 0);
    assert.equal((await docker(runArgs)).code, 0);
    await waitHealthy(NAME);
    session = await login(api());
    const settings = await request(api().url).get('/api/settings').set('Cookie', session.cookie).expect(200);
    assert.equal(settings.body.applianceId, applianceId);
    assert.equal(settings.body.domain, DOMAIN);
    await waitFeature(api(), session, 'chat', (s) => s.state === 'running' && s.health === 'healthy', 60_000);
    // Past the new manager's boot reconcile and one more (the one a dying container or the timer triggers).
    await reconciledSince(api(), session, 0, 2);
    assert.deepEqual((await engine.listManaged(applianceId)).map((c) => c.id).sort(), siblings);
    assert.ok(!/setup token:/.test((await docker(['logs', NAME])).out), 'a set-up appliance prints no token');
  });

  it('has a recovery CLI: status, setup-token, reset-password, reconcile', async () => {
    const status = await docker(['exec', NAME, 'appliance', 'status']);
    assert.equal(status.code, 0, status.out);
    assert.match(status.out, /status: ok/);
    const token = await docker(['exec', NAME, 'appliance', 'setup-token']);
    assert.equal(token.code, 1);
    assert.match(token.out, /already completed/);
    const reset = await docker(['exec', NAME, 'appliance', 'reset-password', 'camille']);
    assert.equal(reset.code, 0, reset.out);
    const password = /New password for camille: (\S+)/.exec(reset.out)?.[1];
    assert.ok(password, reset.out);
    await request(api().url).get('/api/auth/me').set('Cookie', session.cookie).expect(401);
    await login(api(), password);
    const reconcile = await docker(['exec', NAME, 'appliance', 'reconcile']);
    assert.equal(reconcile.code, 0, reconcile.out);
  });
});
