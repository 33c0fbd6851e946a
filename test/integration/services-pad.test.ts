import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { eventually } from '../support/eventually';
import { CATALOG } from '../../server/src/catalog/catalog';
import { act, jobError, type Session, waitJob, waitFeature } from '../support/appliance';
import { disposeAppliance, setUpAppliance } from '../support/set-up-appliance';
import { ServerProcess } from '../support/server-process';
import { testEngine } from '../support/test-images';

const engine = testEngine();
const UPLOADS = CATALOG.hedgedoc.volumes[0].mountPath;

/** Runs a command in the pad container and returns its stdout. */
async function inPad(applianceId: string, cmd: string[]): Promise<{ code: number; out: string }> {
  const [pad] = (await engine.listManaged(applianceId)).filter((c) => c.serviceId === 'hedgedoc');
  let out = '';
  const stdout = new Writable({
    write(chunk: Buffer, _enc, done) {
      out += chunk.toString();
      done();
    },
  });
  const code = await engine.exec(pad.id, cmd, { stdout });
  return { code, out };
}

describe('pad on the real engine: enable, disable keeping data, enable again, delete with confirmation', () => {
  let server: ServerProcess;
  let session: Session;
  let applianceId = '';
  const volume = () => `tl-${applianceId}-hedgedoc-uploads`;

  before(async () => {
    ({ server, session, applianceId } = await setUpAppliance('pad', []));
  });

  after(async () => {
    await disposeAppliance(server, applianceId);
  });

  /** Polls the status API until the job holds the engine lock, or has ended without being seen holding it. */
  async function lockHolder(jobId: string): Promise<{ lock: string; holder: string } | undefined> {
    const seen = await eventually(
      async () => {
        const status = await request(server.url).get('/api/system/status').set('Cookie', session.cookie).expect(200);
        const held = (status.body.locks.held as { lock: string; holder: string; since: string }[]).find(
          (h) => h.holder === `job:${jobId}`,
        );
        if (held) return { held };
        const job = await request(server.url).get(`/api/jobs/${jobId}`).set('Cookie', session.cookie).expect(200);
        return (job.body.state === 'succeeded' || job.body.state === 'failed') && { held: undefined };
      },
      `job ${jobId} holds the engine lock or ends`,
      { timeoutMs: 240_000, intervalMs: 200 },
    );
    if (!seen.held) return undefined;
    assert.ok(!Number.isNaN(Date.parse(seen.held.since)), seen.held.since);
    return { lock: seen.held.lock, holder: seen.held.holder };
  }

  it('refuses unknown features, unknown actions and unknown fields', async () => {
    const base = request(server.url);
    const auth = (r: request.Test) => r.set('Cookie', session.cookie).set('x-csrf-token', session.csrf);
    await auth(base.put('/api/features/bitcoin')).send({ enabled: true }).expect(404);
    await auth(base.post('/api/features/pad/actions/explode')).send({}).expect(400);
    await auth(base.put('/api/features/pad')).send({ enabled: true, image: 'evil/image:latest' }).expect(400);
    await auth(base.put('/api/features/pad')).send({ enabled: 'yes' }).expect(400);
    await base.get('/api/jobs/not-a-job').set('Cookie', session.cookie).expect(404);
  });

  it('enables the pad as a job with progress, and it comes up healthy', async () => {
    const jobId = await act(server, session, 'PUT /api/features/pad', { enabled: true });
    // While it runs, the status API names it as the holder of the engine lock.
    const holder = await lockHolder(jobId);
    const { job, seen, stages } = await waitJob(server, session, jobId);
    assert.equal(job.state, 'succeeded', jobError(job));
    assert.deepEqual(holder, { lock: 'engine', holder: `job:${jobId}` });
    assert.deepEqual(job.progress, { stage: 'done', params: {}, percent: 100 });
    assert.deepEqual(job.result, { key: 'installed', params: { feature: 'pad' } });
    assert.equal(job.error, null);
    assert.ok(
      seen.some((p) => p > 0 && p < 100),
      `no intermediate progress in ${seen.join(',')}`,
    );
    assert.ok(stages.has('create') || stages.has('health'), `stage keys, not sentences: ${[...stages].join(',')}`);
    const after = await request(server.url).get('/api/system/status').set('Cookie', session.cookie).expect(200);
    assert.ok(!JSON.stringify(after.body.locks.held).includes(jobId), JSON.stringify(after.body.locks));
    await waitFeature(server, session, 'pad', (s) => s.state === 'running' && s.health === 'healthy');
    const written = await inPad(applianceId, ['sh', '-c', `echo compte-rendu > ${UPLOADS}/atelier.txt`]);
    assert.equal(written.code, 0);
  });

  it('shows the pad logs', async () => {
    const res = await request(server.url)
      .get('/api/features/pad/logs?tail=50')
      .set('Cookie', session.cookie)
      .expect(200);
    assert.ok(Array.isArray(res.body) && res.body.length > 0, 'no log lines');
  });

  it('disables the pad keeping its data, and enabling it again brings the same data back', async () => {
    const off = await waitJob(server, session, await act(server, session, 'PUT /api/features/pad', { enabled: false }));
    assert.equal(off.job.state, 'succeeded', jobError(off.job));
    const remaining = await engine.listManaged(applianceId);
    assert.ok(!remaining.some((c) => c.serviceId === 'hedgedoc'), 'the pad container is still there');
    assert.ok((await engine.listOwnedInfrastructure(applianceId)).volumes.has(volume()), 'the data volume is gone');
    const on = await waitJob(server, session, await act(server, session, 'PUT /api/features/pad', { enabled: true }));
    assert.equal(on.job.state, 'succeeded', jobError(on.job));
    const read = await inPad(applianceId, ['cat', `${UPLOADS}/atelier.txt`]);
    assert.equal(read.out.trim(), 'compte-rendu');
  });

  it('deletes the data when the admin confirms deletion', async () => {
    const { job } = await waitJob(
      server,
      session,
      await act(server, session, 'PUT /api/features/pad', { enabled: false, deleteData: true }),
    );
    assert.equal(job.state, 'succeeded', jobError(job));
    assert.ok(
      !(await engine.listOwnedInfrastructure(applianceId)).volumes.has(volume()),
      'the data volume is still there',
    );
    const pad = await waitFeature(server, session, 'pad', (s) => s.state === 'not-installed');
    assert.equal(pad.enabled, false);
  });
});
