import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import {
  act,
  applianceEnv,
  applianceIdOf,
  DOMAIN,
  jobError,
  login,
  matrixLogin,
  newChatAdminPassword,
  type Session,
  setUpHealthy,
  startAppliance,
  viaProxy,
  waitFeature,
  waitJob,
} from '../support/appliance';
import { ServerProcess } from '../support/server-process';
import { cleanupAppliance, requireEngineAndImages, testEngine } from '../support/test-images';

const engine = testEngine();
const MATRIX = `matrix.${DOMAIN}`;
const MESSAGES = ['Bonjour la fabrique', 'Atelier vélo samedi à 10 h', 'Qui apporte les chambres à air ?'];
/** Written straight into Synapse's volume: binary, with bytes no text encoding would keep. */
const PROBE = randomBytes(256 * 1024);
const PROBE_PATH = '/data/restore-probe.bin';

/** Raw bytes through the proxy (media downloads are not JSON). */
function bytesViaProxy(
  port: string,
  host: string,
  path: string,
  token: string,
): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: Number(port), path, headers: { host, authorization: `Bearer ${token}` } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function uploadViaProxy(port: string, token: string, body: Buffer): Promise<{ status: number; uri: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: Number(port),
        method: 'POST',
        path: '/_matrix/media/v3/upload?filename=plan.bin',
        headers: { host: MATRIX, authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => {
          const parsed = text ? (JSON.parse(text) as { content_uri?: string }) : {};
          resolve({ status: res.statusCode ?? 0, uri: parsed.content_uri ?? text });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The recovery key, as the admin is shown it once: through the dashboard's route. */
async function recoveryKeyOf(server: ServerProcess, session: Session): Promise<string> {
  const res = await request(server.url)
    .post('/api/backups/recovery-key')
    .set('Cookie', session.cookie)
    .set('x-csrf-token', session.csrf);
  assert.equal(res.status, 200, res.text);
  return (res.body as { recoveryKey: string }).recoveryKey;
}

describe('backup round trip: chat messages and files survive the loss of containers, volumes and database', () => {
  let env: Record<string, string>;
  let server: ServerProcess;
  let session: Session;
  let applianceId = '';
  let token = '';
  let roomId = '';
  let mediaUri = '';
  let recovered: ServerProcess | undefined;
  const media = randomBytes(96 * 1024);

  const serviceContainer = async (service: string) => {
    const found = (await engine.listManaged(applianceId)).find((c) => c.serviceId === service);
    assert.ok(found, `${service} has a container`);
    return found;
  };
  const readProbe = async (): Promise<Buffer> => {
    const synapse = await serviceContainer('synapse');
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const code = await engine.exec(synapse.id, ['cat', PROBE_PATH], { stdout: out, user: '991' });
    assert.equal(code, 0, `${PROBE_PATH} is readable in Synapse's volume`);
    return Buffer.concat(chunks);
  };
  const messages = async (): Promise<string[]> => {
    const res = await viaProxy(
      env.PROXY_HTTP_PORT,
      MATRIX,
      `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/messages?dir=b&limit=50`,
      { token },
    );
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const chunk = res.body.chunk as Array<{ type: string; content: { body?: string } }>;
    return chunk
      .filter((e) => e.type === 'm.room.message')
      .map((e) => e.content.body ?? '')
      .reverse();
  };

  before(async () => {
    await requireEngineAndImages();
    env = await applianceEnv();
    server = await startAppliance('backup-round-trip', env);
  });

  after(async () => {
    await recovered?.dispose();
    await server.dispose();
    if (applianceId) await cleanupAppliance(applianceId);
  });

  it('chat runs with a room of messages, an uploaded file, and a file put in its volume', async () => {
    ({ session, applianceId } = await setUpHealthy(server, 'chat'));
    const { password } = await newChatAdminPassword(server, session);
    const logged = await matrixLogin(env.PROXY_HTTP_PORT, 'camille', password);
    assert.equal(logged.status, 200, JSON.stringify(logged.body));
    token = logged.body.access_token as string;

    const created = await viaProxy(env.PROXY_HTTP_PORT, MATRIX, '/_matrix/client/v3/createRoom', {
      method: 'POST',
      token,
      body: { name: 'Atelier vélo' },
    });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    roomId = created.body.room_id as string;
    for (const [index, body] of MESSAGES.entries()) {
      const sent = await viaProxy(
        env.PROXY_HTTP_PORT,
        MATRIX,
        `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/txn-${index}`,
        { method: 'PUT', token, body: { msgtype: 'm.text', body } },
      );
      assert.equal(sent.status, 200, JSON.stringify(sent.body));
    }
    assert.deepEqual(await messages(), MESSAGES);

    const uploaded = await uploadViaProxy(env.PROXY_HTTP_PORT, token, media);
    assert.equal(uploaded.status, 200, uploaded.uri);
    mediaUri = uploaded.uri;

    const synapse = await serviceContainer('synapse');
    // As Synapse's own user: the volume is its, and the container keeps no capability to write as root.
    const asSynapse = { stdin: PROBE, user: '991' };
    assert.equal(await engine.exec(synapse.id, ['sh', '-c', `cat > ${PROBE_PATH}`], asSynapse), 0);
    assert.ok((await readProbe()).equals(PROBE));
  });

  let pointId = '';

  it('backs up through the API, and the point lists chat', async () => {
    const jobId = await act(server, session, '/api/backups', {});
    const { job } = await waitJob(server, session, jobId, 600_000);
    assert.equal(job.state, 'succeeded', jobError(job));
    const overview = await request(server.url).get('/api/backups').set('Cookie', session.cookie).expect(200);
    const points = overview.body.snapshots as Array<{ id: string; services: string[] }>;
    assert.equal(points.length, 1, JSON.stringify(overview.body));
    assert.ok(points[0].services.includes('chat'), JSON.stringify(points[0]));
    pointId = points[0].id;
  });

  it('refuses an unknown point (404) and the manager own part on a live appliance (400), before queuing anything', async () => {
    const post = (id: string, services: string[]) =>
      request(server.url)
        .post(`/api/backups/${id}/restore`)
        .set('Cookie', session.cookie)
        .set('x-csrf-token', session.csrf)
        .send({ services });
    await post('0123456789abcdef', ['chat']).expect(404);
    await post(pointId, ['appliance']).expect(400);
    await post(pointId, ['pad']).expect(400);
  });

  it('after the containers, the volumes and the database are destroyed, restores chat: the messages, the upload and the file are back', async () => {
    // The manager is stopped meanwhile, so its reconciler does not race the destruction.
    await server.stop();
    for (const container of await engine.listManaged(applianceId)) await engine.remove(container.id);
    const { volumes } = await engine.listOwnedInfrastructure(applianceId);
    const destroyed = [...volumes].filter((v) => /-(synapse|postgres)-data$/.test(v));
    assert.equal(destroyed.length, 2, [...volumes].join(', '));
    for (const volume of destroyed) await engine.removeVolume(volume);
    server = new ServerProcess(server.dataDir, env);
    await server.start();
    session = await login(server);
    // The manager brings up an empty chat: no room, no file.
    await waitFeature(server, session, 'chat', (s) => s.state === 'running' && s.health === 'healthy');
    const lost = await viaProxy(env.PROXY_HTTP_PORT, MATRIX, '/_matrix/client/v3/account/whoami', { token });
    assert.equal(lost.status, 401, 'the old session is gone with the database');

    const jobId = await act(server, session, `/api/backups/${pointId}/restore`, { services: ['chat'] });
    const { job, stages } = await waitJob(server, session, jobId, 600_000);
    assert.equal(job.state, 'succeeded', jobError(job));
    assert.equal(job.result?.key, 'restored');
    for (const stage of ['restoreStop', 'restoreDatabase', 'restoreVolume'])
      assert.ok(stages.has(stage), `stage ${stage} was reported (saw ${[...stages].join(', ')})`);
    await waitFeature(server, session, 'chat', (s) => s.state === 'running' && s.health === 'healthy');

    const whoami = await viaProxy(env.PROXY_HTTP_PORT, MATRIX, '/_matrix/client/v3/account/whoami', { token });
    assert.equal(whoami.status, 200, JSON.stringify(whoami.body));
    assert.deepEqual(await messages(), MESSAGES);
    const [serverName, mediaId] = mediaUri.replace('mxc://', '').split('/');
    const download = await bytesViaProxy(
      env.PROXY_HTTP_PORT,
      MATRIX,
      `/_matrix/client/v1/media/download/${serverName}/${mediaId}`,
      token,
    );
    assert.equal(download.status, 200);
    assert.ok(download.body.equals(media), 'the uploaded file is byte-identical');
    assert.ok((await readProbe()).equals(PROBE), 'the file put in the volume is byte-identical');
  });

  it('disaster recovery: a new manager with an empty data directory, given the repository and only the recovery key, restores settings and chat; the admin logs in', async () => {
    const recoveryKey = await recoveryKeyOf(server, session);
    const oldDataDir = server.dataDir;
    // The old machine is gone: its manager, containers, volumes and networks.
    await server.stop();
    await cleanupAppliance(applianceId);
    const fresh = await startAppliance('backup-recovery', env);
    recovered = fresh;
    const answer = await request(fresh.url)
      .post('/api/setup/restore')
      .send({
        setupToken: fresh.setupTokenFromLog(),
        recoveryKey,
        repository: join(oldDataDir, 'backups', 'repository'),
      });
    assert.equal(answer.status, 202, `${answer.text}\n${fresh.log.split('\n').slice(-30).join('\n')}`);
    const jobId = (answer.body as { jobId: string }).jobId;
    // The admin's password is the old one: the manager's own database came back first.
    const admin = await login(fresh);
    const { job } = await waitJob(fresh, admin, jobId, 600_000);
    assert.equal(job.state, 'succeeded', jobError(job));
    assert.equal(await applianceIdOf(fresh, admin), applianceId);
    await waitFeature(fresh, admin, 'chat', (s) => s.state === 'running' && s.health === 'healthy');
    assert.deepEqual(await messages(), MESSAGES);
  });
});
