import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { CATALOG } from '../../server/src/catalog/catalog';
import {
  act,
  applianceEnv,
  jobError,
  type Session,
  setUpHealthy,
  startAppliance,
  waitFeature,
  waitJob,
} from '../support/appliance';
import { dockerSync as docker } from '../support/docker-cli';
import { removeTempDir, tempDir } from '../support/leftovers';
import { startRestServer, type RestServer } from '../support/rest-server';
import type { ServerProcess } from '../support/server-process';
import { cleanupAppliance, requireEngineAndImages, testEngine } from '../support/test-images';

const engine = testEngine();
const PASSWORD = 'coop-s3cret-Pa55';
const UPLOADS = CATALOG.hedgedoc.volumes[0].mountPath;
/** Written into the pad's uploads volume: binary, with bytes no text encoding would keep. */
const PROBE = randomBytes(200 * 1024);
const UNKNOWN_PLACE = '00000000-0000-4000-8000-000000000000';

interface Point {
  id: string;
  services: string[];
}
interface Refusal {
  errors?: Array<{ field: string; code: string }>;
}

/**
 * Restoring from another place on the real engine: the pad backed up with a file in its volume and a
 * row in its database, copied to a folder and to an append-only REST server (rclone, with a password);
 * the local repository then lost, each place lists the point and the pad is restored from it through
 * the API: the file and the row come back.
 */
describe('restore from another place: the local backups lost, the pad comes back from a folder and from a REST server', () => {
  let server: ServerProcess;
  let session: Session;
  let applianceId = '';
  let rest: RestServer;
  let directory = '';
  let pointId = '';
  const places: Record<'folder' | 'coop', string> = { folder: '', coop: '' };

  const get = (path: string) => request(server.url).get(path).set('Cookie', session.cookie);
  const post = (path: string, body: object) =>
    request(server.url).post(path).set('Cookie', session.cookie).set('x-csrf-token', session.csrf).send(body);
  const container = async (service: string) => {
    const found = (await engine.listManaged(applianceId)).find((c) => c.serviceId === service);
    assert.ok(found, `${service} has a container`);
    return found;
  };
  const psql = async (sql: string) =>
    docker('exec', (await container('postgres')).id, 'psql', '-U', 'postgres', '-d', 'hedgedoc', '-tAc', sql).trim();
  const readProbe = async (): Promise<Buffer | null> => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const code = await engine.exec((await container('hedgedoc')).id, ['cat', `${UPLOADS}/plan.bin`], { stdout: out });
    return code === 0 ? Buffer.concat(chunks) : null;
  };
  /** The pad's data changed after the backup: the file gone, the row rewritten. */
  const spoil = async () => {
    assert.equal(await engine.exec((await container('hedgedoc')).id, ['rm', `${UPLOADS}/plan.bin`]), 0);
    await psql(`UPDATE offsite_probe SET note = 'après'`);
    assert.equal(await readProbe(), null);
  };
  const startedAt = async () =>
    Date.parse(docker('inspect', '-f', '{{.State.StartedAt}}', (await container('hedgedoc')).id).trim());
  const restoreFrom = async (place: string) => {
    const asked = Date.now();
    const jobId = await act(server, session, `/api/backups/${pointId}/restore`, { services: ['pad'], targetId: place });
    const { job, stages } = await waitJob(server, session, jobId, 600_000);
    assert.equal(job.state, 'succeeded', jobError(job));
    assert.equal(job.result?.key, 'restored');
    // Progress is sampled every 500 ms: a quick stop can pass unseen. That the pad was stopped and
    // started again is read from the engine instead.
    assert.ok((await startedAt()) > asked, 'the pad was stopped for the restore and started again');
    for (const stage of ['restoreDatabase', 'restoreVolume'])
      assert.ok(stages.has(stage), `stage ${stage} was reported (saw ${[...stages].join(', ')})`);
    await waitFeature(server, session, 'pad', (s) => s.state === 'running' && s.health === 'healthy');
    assert.equal(await psql('SELECT note FROM offsite_probe'), 'avant', 'the row is back as it was');
    assert.ok((await readProbe())?.equals(PROBE), 'the file is back, byte-identical');
  };
  const code = (body: unknown) => (body as Refusal).errors?.find((e) => e.field === 'target')?.code;

  before(async () => {
    await requireEngineAndImages();
    rest = await startRestServer('offsite-rest', { user: 'coop', pass: PASSWORD });
    directory = tempDir('offsite-dir');
    server = await startAppliance('restore-offsite', await applianceEnv());
    ({ session, applianceId } = await setUpHealthy(server, 'pad'));
  });

  after(async () => {
    await server?.dispose();
    await rest?.dispose();
    if (applianceId) await cleanupAppliance(applianceId);
    if (directory) removeTempDir(directory);
  });

  it('backs up the pad (a file, a row) and copies it to both places, the copy progress moving', async () => {
    const folder = await post('/api/backups/targets', {
      label: 'Disque',
      kind: 'directory',
      location: directory,
      retention: null,
    });
    assert.equal(folder.status, 201, folder.text);
    places.folder = (folder.body as { id: string }).id;
    const location = rest.url.replace('http://', `http://coop:${PASSWORD}@`);
    const coop = await post('/api/backups/targets', { label: 'Coop', kind: 'rest', location, retention: null });
    assert.equal(coop.status, 201, coop.text);
    places.coop = (coop.body as { id: string }).id;

    const pad = await container('hedgedoc');
    assert.equal(await engine.exec(pad.id, ['sh', '-c', `cat > ${UPLOADS}/plan.bin`], { stdin: PROBE }), 0);
    await psql(`SET ROLE hedgedoc; CREATE TABLE offsite_probe (note text); INSERT INTO offsite_probe VALUES ('avant')`);

    const { job, seen, stages } = await waitJob(server, session, await act(server, session, '/api/backups', {}));
    assert.equal(job.state, 'succeeded', jobError(job));
    assert.ok(stages.has('backupCopying'), `the copy reported its progress (saw ${[...stages].join(', ')})`);
    assert.deepEqual(
      seen,
      [...seen].sort((a, b) => a - b),
      'progress never goes back',
    );
    const points = (await get('/api/backups').expect(200)).body.snapshots as Point[];
    assert.equal(points.length, 1);
    pointId = points[0].id;
  });

  it('with the local backups lost, each place still lists the point; unknown places and points are refused with a code', async () => {
    rmSync(join(server.dataDir, 'backups', 'repository'), { recursive: true, force: true });
    assert.deepEqual((await get('/api/backups').expect(200)).body.snapshots, [], 'nothing is left here');
    for (const place of [places.folder, places.coop]) {
      const res = await get(`/api/backups/targets/${place}/points`);
      assert.equal(res.status, 200, res.text);
      const points = (res.body as { points: Point[] }).points;
      assert.deepEqual(
        points.map((p) => p.id),
        [pointId],
      );
      assert.ok(points[0].services.includes('pad'), JSON.stringify(points[0]));
    }

    const unknown = await get(`/api/backups/targets/${UNKNOWN_PLACE}/points`);
    assert.equal(unknown.status, 404, unknown.text);
    assert.equal(code(unknown.body), 'targetNotFound');
    assert.equal((await get('/api/backups/targets/not-an-id/points')).status, 400);
    // This server's own backups no longer hold the point.
    assert.equal((await post(`/api/backups/${pointId}/restore`, { services: ['pad'] })).status, 404);
    const elsewhere = await post(`/api/backups/${pointId}/restore`, { services: ['pad'], targetId: UNKNOWN_PLACE });
    assert.equal(elsewhere.status, 404, elsewhere.text);
    assert.equal(code(elsewhere.body), 'targetNotFound');
    const missing = await post('/api/backups/0123456789abcdef/restore', { services: ['pad'], targetId: places.folder });
    assert.equal(missing.status, 404, missing.text);
    assert.equal(code(missing.body), 'pointNotAtTarget');
    const badId = await post(`/api/backups/${pointId}/restore`, { services: ['pad'], targetId: '../etc' });
    assert.equal(badId.status, 400, badId.text);
  });

  it('restores the pad from the folder: the file and the row are back', async () => {
    await spoil();
    await restoreFrom(places.folder);
  });

  it('restores the pad from the REST server: the file and the row are back', async () => {
    await spoil();
    await restoreFrom(places.coop);
  });
});
