import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { ResticRepository } from '../../server/src/backups/restic.repository';
import {
  act,
  applianceEnv,
  jobError,
  login,
  type Session,
  setUpHealthy,
  startAppliance,
  waitJob,
} from '../support/appliance';
import { dockerSync as docker } from '../support/docker-cli';
import { eventually } from '../support/eventually';
import { ServerProcess } from '../support/server-process';
import { cleanupAppliance, requireEngineAndImages, testEngine, testRestic } from '../support/test-images';

const engine = testEngine();

interface Overview {
  lastSuccessAt: string | null;
  snapshots: Array<{ id: string; time: string; services: string[]; sizeBytes: number }>;
  runs: Array<{ id: string; jobId: string; state: string; error?: { key: string; params: Record<string, unknown> } }>;
}

describe('backup runs on the real engine: chat databases and volumes, the manager’s own files', () => {
  let env: Record<string, string>;
  let server: ServerProcess;
  let session: Session;
  let applianceId = '';
  let restic: ResticRepository;

  const overview = async () =>
    (await request(server.url).get('/api/backups').set('Cookie', session.cookie).expect(200)).body as Overview;
  const postgres = async () => (await engine.listManaged(applianceId)).find((c) => c.serviceId === 'postgres')!;
  const psql = async (sql: string) =>
    docker('exec', (await postgres()).id, 'psql', '--username', 'postgres', '--dbname', 'postgres', '-c', sql);

  /** sha256 of each point's database dump as restic gives it back, by point. */
  const databaseDumps = async (points: string[]) => {
    const digests: Record<string, string> = {};
    for (const point of points) {
      const [part] = await restic.snapshots({ kind: 'local' }, [`run=${point}`, 'kind=database']);
      const hash = createHash('sha256');
      const sink = new Writable({
        write(chunk: Buffer, _e, done) {
          hash.update(chunk);
          done();
        },
      });
      await restic.dump({ kind: 'local' }, part.id, 'synapse.pgdump', sink);
      digests[point] = hash.digest('hex');
    }
    return digests;
  };

  before(async () => {
    await requireEngineAndImages();
    env = await applianceEnv();
    server = await startAppliance('backup', env);
    ({ session, applianceId } = await setUpHealthy(server, 'chat'));
    // The same repository as the manager's, read from the test: what restic really holds.
    ({ restic } = testRestic(server.dataDir, applianceId));
  });

  after(async () => {
    await server.dispose();
    if (applianceId) await cleanupAppliance(applianceId);
  });

  it('has no backup point before the first backup', async () => {
    const first = await overview();
    assert.deepEqual([first.snapshots, first.runs, first.lastSuccessAt], [[], [], null]);
  });

  it('backs up chat through POST /api/backups: database dump, Synapse’s volume, the manager’s files', async () => {
    const jobId = await act(server, session, '/api/backups', {});
    const { job, stages } = await waitJob(server, session, jobId);
    assert.equal(job.state, 'succeeded', jobError(job));
    assert.equal(job.progress.stage, 'done');
    assert.equal(job.progress.percent, 100);
    assert.equal(job.result?.key, 'backupDone');
    for (const stage of ['backupDatabase', 'backupVolume', 'backupAppliance']) assert.ok(stages.has(stage), stage);

    const after = await overview();
    assert.equal(after.runs.length, 1);
    assert.equal(after.runs[0].state, 'succeeded');
    assert.equal(after.runs[0].jobId, jobId);
    assert.ok(after.lastSuccessAt);
    assert.equal(after.snapshots.length, 1);
    const [point] = after.snapshots;
    assert.equal(point.id, after.runs[0].id);
    assert.deepEqual(point.services, ['appliance', 'chat']);
    assert.ok(point.sizeBytes > 0);

    const parts = await restic.snapshots({ kind: 'local' }, [`run=${point.id}`]);
    const kinds = parts
      .map((s) =>
        s.tags
          .filter((t) => !t.startsWith('run='))
          .sort()
          .join(' '),
      )
      .sort();
    assert.deepEqual(kinds, [
      'kind=appliance service=appliance',
      'kind=appliance service=appliance',
      'kind=database service=synapse',
      'kind=volume service=synapse',
    ]);
    // The dump is pg_dump's custom format, whole: it starts with its magic and restic gives it back.
    const dump = parts.find((s) => s.tags.includes('kind=database'))!;
    let head = Buffer.alloc(0);
    let size = 0;
    const sink = new Writable({
      write(chunk: Buffer, _e, done) {
        if (head.length < 5) head = Buffer.concat([head, chunk]).subarray(0, 5);
        size += chunk.length;
        done();
      },
    });
    await restic.dump({ kind: 'local' }, dump.id, 'synapse.pgdump', sink);
    assert.equal(head.toString('latin1'), 'PGDMP');
    assert.ok(size > 10_000, `a dump of ${size} bytes`);
    // Synapse's media store and signing key are in its volume's snapshot.
    const volume = parts.find((s) => s.tags.includes('kind=volume'))!;
    assert.deepEqual(volume.paths, [`/volumes/tl-${applianceId}-synapse-data`]);
  });

  it('fails a run whose pg_dump exits non-zero, with the key, and leaves no snapshot of that run', async () => {
    // A real failure of pg_dump: the database refuses new connections (Synapse keeps its open ones).
    await psql('ALTER DATABASE synapse ALLOW_CONNECTIONS false');
    try {
      const jobId = await act(server, session, '/api/backups', { services: ['chat'] });
      const { job } = await waitJob(server, session, jobId);
      assert.equal(job.state, 'failed');
      assert.equal(job.error?.key, 'backupDumpFailed', jobError(job));
      assert.equal(job.error?.params.database, 'synapse');
      assert.match(job.error?.detail ?? '', /not currently accepting connections/);

      const list = await overview();
      const failed = list.runs.find((r) => r.jobId === jobId)!;
      assert.equal(failed.state, 'failed');
      assert.equal(failed.error?.key, 'backupDumpFailed');
      assert.deepEqual(await restic.snapshots({ kind: 'local' }, [`run=${failed.id}`]), []);
      assert.equal(list.snapshots.length, 1, 'only the earlier, successful point');
      assert.ok(list.snapshots.every((p) => p.id !== failed.id));
    } finally {
      await psql('ALTER DATABASE synapse ALLOW_CONNECTIONS true');
    }
  });

  it('after a kill -9 during a backup: the run is failed, its snapshots and restic container gone, the next one succeeds, every earlier point still restores', async () => {
    const before = (await overview()).snapshots;
    const dumpsBefore = await databaseDumps(before.map((p) => p.id));
    const jobId = await act(server, session, '/api/backups', {});
    // restic is running for this run (a part is being written) when the manager dies.
    await eventually(async () => (await restic.leftovers()).length > 0, 'a restic container runs', {
      timeoutMs: 60_000,
    });
    await server.kill();
    server = new ServerProcess(server.dataDir, env);
    await server.start();
    session = await login(server);
    const killed = await eventually(
      async () => (await overview()).runs.find((r) => r.jobId === jobId && r.state === 'failed'),
      'the interrupted run is marked failed',
      { timeoutMs: 60_000 },
    );
    assert.equal(killed.error?.key, 'interrupted');
    await eventually(async () => (await restic.leftovers()).length === 0, 'no restic container is left');
    await eventually(
      async () => (await restic.snapshots({ kind: 'local' }, [`run=${killed.id}`])).length === 0,
      'the interrupted run has no snapshot',
      { timeoutMs: 60_000 },
    );
    assert.deepEqual((await overview()).snapshots, before);

    const next = await act(server, session, '/api/backups', {});
    const { job } = await waitJob(server, session, next);
    assert.equal(job.state, 'succeeded', jobError(job));
    assert.equal((await overview()).snapshots.length, before.length + 1);

    // Every byte of the repository reads back, and each earlier point's dump is the one it held.
    await restic.check({ kind: 'local' }, '1/1');
    assert.deepEqual(await databaseDumps(before.map((p) => p.id)), dumpsBefore);
    // And the latest earlier point restores through the dashboard's route: chat comes back healthy.
    const restore = await act(server, session, `/api/backups/${before[0].id}/restore`, { services: ['chat'] });
    const restored = await waitJob(server, session, restore);
    assert.equal(restored.job.state, 'succeeded', jobError(restored.job));
  });

  it('refuses a second backup while one is queued or running', async () => {
    const jobId = await act(server, session, '/api/backups', { services: ['appliance'] });
    const res = await request(server.url)
      .post('/api/backups')
      .set('Cookie', session.cookie)
      .set('x-csrf-token', session.csrf)
      .send({});
    assert.equal(res.status, 409);
    const { job } = await waitJob(server, session, jobId);
    assert.equal(job.state, 'succeeded', jobError(job));
  });
});
