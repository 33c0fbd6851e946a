import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LABELS } from '../../server/src/engine/engine.types';
import {
  act,
  applianceEnv,
  applianceIdOf,
  completeSetup,
  DOMAIN,
  jobError,
  login,
  matrixLogin,
  newChatAdminPassword,
  reconciledSince,
  type Session,
  startAppliance,
  viaProxy,
  waitJob,
  waitFeature,
} from '../support/appliance';
import { eventually } from '../support/eventually';
import { ServerProcess } from '../support/server-process';
import {
  cleanupAppliance,
  requireEngineAndImages,
  testEngine,
  testImageOverrides,
  testImageTags,
} from '../support/test-images';

const engine = testEngine();
const CHAT_STACK = ['proxy', 'postgres', 'synapse', 'element'];

describe('chat on the real engine: install, self-healing, restarts, foreign containers, update and rollback', () => {
  let env: Record<string, string>;
  let server: ServerProcess;
  let session: Session;
  let applianceId = '';
  let accessToken = '';
  let roomId = '';
  let foreignId = '';

  const containers = async () => engine.listManaged(applianceId);
  const byService = async (id: string) => (await containers()).filter((c) => c.serviceId === id);
  const restartManager = async (extra: Record<string, string> = {}) => {
    await server.stop();
    server = new ServerProcess(server.dataDir, { ...env, ...extra });
    await server.start();
    session = await login(server);
  };
  const roomExists = async () =>
    (
      await viaProxy(
        env.PROXY_HTTP_PORT,
        `matrix.${DOMAIN}`,
        `/_matrix/client/v3/rooms/${roomId}/state/m.room.create`,
        { token: accessToken },
      )
    ).status;

  before(async () => {
    await requireEngineAndImages();
    env = await applianceEnv({ UPDATE_HEALTH_TIMEOUT: '40' });
    server = await startAppliance('chat', env);
    // A container started by hand on the same engine, even one labelled like ours for another appliance.
    const tags = testImageTags();
    foreignId = await engine.createContainer({
      name: `tl-foreign-${Date.now()}-synapse`,
      serviceId: 'synapse',
      image: tags.base,
      command: ['sleep', 'infinity'],
      env: {},
      labels: {
        [LABELS.managedBy]: 'tiers-lieux-appliance',
        [LABELS.applianceId]: 'someone-else',
        [LABELS.service]: 'synapse',
      },
      networks: [],
      volumes: [],
      memoryLimitBytes: 64 * 1024 * 1024,
      healthcheck: { test: [], intervalSec: 30, timeoutSec: 5, retries: 3, startPeriodSec: 0 },
      restartPolicy: 'unless-stopped',
      publishedPorts: [],
      extraHosts: [],
      files: [],
      privileges: { capAdd: [], pidsLimit: 16, readOnlyRootfs: false, tmpfs: [] },
      stopTimeoutSec: 1,
      dependsOn: [],
      desiredState: 'running',
      configHash: 'foreign',
    });
    await engine.start(foreignId);
  });

  after(async () => {
    await server.dispose();
    if (foreignId) await engine.remove(foreignId);
    if (applianceId) await cleanupAppliance(applianceId);
  });

  it('brings up proxy, postgres, synapse and element after setup: labelled, private networks, healthy, memory-limited', async () => {
    session = await completeSetup(server, ['chat']);
    const chat = await waitFeature(server, session, 'chat', (s) => s.state === 'running' && s.health === 'healthy');
    assert.equal(chat.enabled, true);
    applianceId = await applianceIdOf(server, session);
    const list = await containers();
    assert.deepEqual(list.map((c) => c.serviceId).sort(), [...CHAT_STACK].sort());
    for (const container of list) {
      assert.equal(container.labels[LABELS.managedBy], 'tiers-lieux-appliance');
      assert.equal(container.labels[LABELS.applianceId], applianceId);
      assert.match(container.labels[LABELS.configHash] ?? '', /^[0-9a-f]{16,}$/);
      assert.equal(container.state, 'running');
      assert.equal(container.health, 'healthy', `${container.name} is ${container.health}`);
      const stats = await engine.stats(container.id);
      assert.ok(
        stats.memoryLimitBytes > 0 && stats.memoryLimitBytes < 8 * 1024 ** 3,
        `${container.name} has no memory limit`,
      );
    }
    const { networks } = await engine.listOwnedInfrastructure(applianceId);
    assert.deepEqual([...networks].sort(), [`tl-${applianceId}-backend`, `tl-${applianceId}-frontend`]);
    for (const service of CHAT_STACK) {
      const [container] = await byService(service);
      const backend = await engine.address(container.id, `tl-${applianceId}-backend`);
      const frontend = await engine.address(container.id, `tl-${applianceId}-frontend`);
      // Postgres sits only on the internal network; the others are reachable by the proxy.
      if (service === 'postgres') assert.ok(backend && !frontend);
      else assert.ok(frontend, `${service} is not on the frontend network`);
    }
  });

  it('lets the wizard admin log in to Matrix through Caddy, and serves .well-known on the apex', async () => {
    // The chat admin's password is never the dashboard's: the dashboard sets a new one on request.
    const { password } = await newChatAdminPassword(server, session);
    const login = await matrixLogin(env.PROXY_HTTP_PORT, 'camille', password);
    assert.equal(login.status, 200, JSON.stringify(login.body));
    assert.equal(login.body.user_id, `@camille:${DOMAIN}`);
    accessToken = login.body.access_token as string;
    assert.ok(accessToken);
    const wellKnown = await viaProxy(env.PROXY_HTTP_PORT, DOMAIN, '/.well-known/matrix/server');
    assert.deepEqual(wellKnown.body, { 'm.server': `matrix.${DOMAIN}:443` });
  });

  it('keeps a room across `docker rm -f` of Synapse, which the reconciler brings back', async () => {
    const created = await viaProxy(env.PROXY_HTTP_PORT, `matrix.${DOMAIN}`, '/_matrix/client/v3/createRoom', {
      method: 'POST',
      token: accessToken,
      body: { name: 'Atelier vélo' },
    });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    roomId = created.body.room_id as string;
    const [synapse] = await byService('synapse');
    await engine.remove(synapse.id);
    await eventually(
      async () => {
        const [again] = await byService('synapse');
        return again && again.id !== synapse.id && again.health === 'healthy';
      },
      'synapse is recreated healthy',
      { timeoutMs: 120_000, intervalMs: 1000 },
    );
    await waitFeature(server, session, 'chat', (s) => s.state === 'running' && s.health === 'healthy', 60_000);
    assert.equal(await roomExists(), 200);
  });

  it('brings a killed container back within 30 s', async () => {
    const [element] = await byService('element');
    await engine.stop(element.id, 0);
    await eventually(async () => (await byService('element'))[0]?.state === 'running', 'element is back', {
      timeoutMs: 30_000,
      intervalMs: 500,
    });
  });

  it('recreates nothing and starts no duplicates when the manager restarts with nothing changed', async () => {
    const before = (await containers()).map((c) => c.id).sort();
    await restartManager();
    // The new manager counts its finished runs: wait for its boot reconcile to have ended.
    await reconciledSince(server, session, 0);
    const after = await containers();
    assert.deepEqual(after.map((c) => c.id).sort(), before);
    assert.equal(new Set(after.map((c) => c.serviceId)).size, after.length);
  });

  it('updates Synapse to a newer local tag, keeping the data', async () => {
    const tags = testImageTags();
    await restartManager({ IMAGE_OVERRIDES: JSON.stringify(testImageOverrides({ synapse: tags.synapseNext })) });
    const { job } = await waitJob(server, session, await act(server, session, '/api/features/chat/actions/update'));
    assert.equal(job.state, 'succeeded', jobError(job));
    const [synapse] = await byService('synapse');
    assert.equal(synapse.image, tags.synapseNext);
    assert.equal(synapse.health, 'healthy');
    assert.equal(await roomExists(), 200);
  });

  it('rolls back an update whose health check fails, keeps the data, and the job says why', async () => {
    const tags = testImageTags();
    await restartManager({ IMAGE_OVERRIDES: JSON.stringify(testImageOverrides({ synapse: tags.synapseBroken })) });
    const { job } = await waitJob(server, session, await act(server, session, '/api/features/chat/actions/update'));
    assert.equal(job.state, 'failed');
    assert.match(jobError(job), /rolled back/);
    const [synapse] = await byService('synapse');
    assert.equal(synapse.image, tags.synapseNext);
    await waitFeature(server, session, 'chat', (s) => s.state === 'running' && s.health === 'healthy', 120_000);
    assert.equal(await roomExists(), 200);
  });

  it('never touched the container started by hand', async () => {
    const foreign = await engine.inspectHealth(foreignId);
    assert.equal(foreign.state, 'running');
    assert.equal(foreign.restartCount, 0);
  });
});
