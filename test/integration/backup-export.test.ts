import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { CATALOG } from '../../server/src/catalog/catalog';
import { act, applianceEnv, jobError, type Session, setUpHealthy, startAppliance, waitJob } from '../support/appliance';
import { DOCKER } from '../support/docker-cli';
import { removeTempDir, tempDir } from '../support/leftovers';
import { ServerProcess } from '../support/server-process';
import { cleanupAppliance, requireEngineAndImages, testEngine, testImageTags } from '../support/test-images';

const engine = testEngine();
const PASSPHRASE = 'vélo atelier « samedi » 10 h';
const UPLOADS = CATALOG.hedgedoc.volumes[0].mountPath;
/** Written into the pad's uploads volume: binary, with bytes no text encoding would keep. */
const PROBE = randomBytes(300 * 1024);

/** Plain restic from the test image, the archive's folder mounted, the passphrase typed on stdin. */
function plainRestic(
  dir: string,
  passphrase: string,
  args: string[],
): Promise<{ code: number; out: Buffer; err: string }> {
  const docker = spawn(DOCKER, [
    ...['run', '--rm', '-i', '--network', 'none', '-v', `${dir}:/export`, testImageTags().restic],
    // --quiet: restic says on stdout that it reads the password from stdin, before a dump's bytes.
    ...['--quiet', '-r', '/export/repository', ...args],
  ]);
  const out: Buffer[] = [];
  let err = '';
  docker.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  docker.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  docker.stdin.end(`${passphrase}\n`);
  return new Promise((resolve, reject) => {
    docker.on('error', reject);
    docker.on('close', (code) => resolve({ code: code ?? -1, out: Buffer.concat(out), err }));
  });
}

/** GET the archive, streamed into `file` (never whole in memory); resolves with the answer's head. */
function download(server: ServerProcess, session: Session, jobId: string, file: string) {
  return new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
    const url = `${server.url}/api/backups/exports/${jobId}/download`;
    get(url, { headers: { cookie: session.cookie } }, (res) => {
      const head = { status: res.statusCode ?? 0, headers: res.headers };
      if (head.status !== 200) {
        res.resume();
        resolve(head);
        return;
      }
      pipeline(res, createWriteStream(file)).then(() => resolve(head), reject);
    }).on('error', reject);
  });
}

describe('portable export on the real engine: one feature of a backup point, opened with plain restic and the passphrase alone', () => {
  let server: ServerProcess;
  let session: Session;
  let applianceId = '';
  let pointId = '';
  let exportJob = '';
  const work = tempDir('backup-export');

  const post = (body: object) =>
    request(server.url)
      .post('/api/backups/exports')
      .set('Cookie', session.cookie)
      .set('x-csrf-token', session.csrf)
      .send(body);
  const exportsDir = () => join(server.dataDir, 'backups', 'exports');

  before(async () => {
    await requireEngineAndImages();
    server = await startAppliance('backup-export', await applianceEnv());
    ({ session, applianceId } = await setUpHealthy(server, 'pad'));
  });

  after(async () => {
    await server.dispose();
    if (applianceId) await cleanupAppliance(applianceId);
    removeTempDir(work);
  });

  it('refuses before any backup (400: no point), an unknown feature and a weak passphrase (400)', async () => {
    assert.equal((await post({ service: 'pad', passphrase: PASSPHRASE })).status, 400);
    assert.equal((await post({ service: 'bitcoin', passphrase: PASSPHRASE })).status, 400);
    for (const weak of ['short', ` ${PASSPHRASE}`, `${PASSPHRASE}\n`]) {
      const res = await post({ service: 'pad', passphrase: weak });
      assert.equal(res.status, 400, JSON.stringify(weak));
      assert.ok(!res.text.includes(PASSPHRASE), 'the answer does not echo the passphrase');
    }
  });

  it('backs up the pad, a file in its uploads volume', async () => {
    const [pad] = (await engine.listManaged(applianceId)).filter((c) => c.serviceId === 'hedgedoc');
    assert.equal(await engine.exec(pad.id, ['sh', '-c', `cat > ${UPLOADS}/plan.bin`], { stdin: PROBE }), 0);
    const { job } = await waitJob(server, session, await act(server, session, '/api/backups', {}));
    assert.equal(job.state, 'succeeded', jobError(job));
    const overview = await request(server.url).get('/api/backups').set('Cookie', session.cookie).expect(200);
    pointId = (overview.body.snapshots as Array<{ id: string }>)[0].id;
  });

  it('answers 409 while another backups job runs, and 400 for a point without the pad', async () => {
    const backup = await act(server, session, '/api/backups', { services: ['appliance'] });
    assert.equal((await post({ service: 'pad', passphrase: PASSPHRASE })).status, 409);
    const { job } = await waitJob(server, session, backup);
    assert.equal(job.state, 'succeeded', jobError(job));
    const overview = await request(server.url).get('/api/backups').set('Cookie', session.cookie).expect(200);
    const settingsOnly = (overview.body.snapshots as Array<{ id: string }>).find((p) => p.id !== pointId)!;
    assert.equal((await post({ service: 'pad', pointId: settingsOnly.id, passphrase: PASSPHRASE })).status, 400);
  });

  it('exports the pad (the latest point holding it): the passphrase is nowhere afterwards, the archive downloads', async () => {
    const accepted = await post({ service: 'pad', passphrase: PASSPHRASE });
    assert.equal(accepted.status, 202, accepted.text);
    exportJob = (accepted.body as { jobId: string }).jobId;
    const { job, stages } = await waitJob(server, session, exportJob);
    assert.equal(job.state, 'succeeded', jobError(job));
    assert.equal(job.result?.key, 'backupExported');
    for (const stage of ['exportCopy', 'exportPack']) assert.ok(stages.has(stage), `saw ${[...stages].join(', ')}`);
    assert.ok(!JSON.stringify(job).includes(PASSPHRASE));
    assert.ok(!server.log.includes(PASSPHRASE), 'the passphrase is not in the log');
    assert.deepEqual(readdirSync(exportsDir()).sort(), ['archive.json', 'archive.tar'], 'no passphrase, no work left');

    const res = await download(server, session, exportJob, join(work, 'export.tar'));
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/x-tar');
    assert.match(
      String(res.headers['content-disposition']),
      /^attachment; filename="[a-z0-9-]+-pad-\d{4}-\d{2}-\d{2}\.tar"$/,
    );
    assert.equal(Number(res.headers['content-length']), job.result?.params.sizeBytes);
  });

  it('with plain restic and the passphrase only: the file comes back byte-identical, the dump whole; a wrong passphrase fails', async () => {
    const dir = join(work, 'unpacked');
    execFileSync('mkdir', [dir]);
    execFileSync('tar', ['-xf', join(work, 'export.tar'), '-C', dir]);
    assert.deepEqual(readdirSync(dir).sort(), ['README.txt', 'repository']);
    const readme = readFileSync(join(dir, 'README.txt'), 'utf8');
    assert.match(readme, /restic -r repository restore <id> --target restauration/);

    const listed = await plainRestic(dir, PASSPHRASE, ['snapshots', '--json']);
    assert.equal(listed.code, 0, listed.err);
    const snapshots = JSON.parse(listed.out.toString()) as Array<{ id: string; tags: string[]; paths: string[] }>;
    assert.deepEqual(snapshots.map((s) => s.tags.find((t) => t.startsWith('kind='))).sort(), [
      'kind=database',
      'kind=volume',
    ]);
    assert.ok(snapshots.every((s) => s.tags.includes('service=hedgedoc') && s.tags.includes(`run=${pointId}`)));

    const volume = snapshots.find((s) => s.tags.includes('kind=volume'))!;
    const restored = await plainRestic(dir, PASSPHRASE, ['restore', volume.id, '--target', '/export/restored']);
    assert.equal(restored.code, 0, restored.err);
    const file = join(dir, 'restored', volume.paths[0], 'plan.bin');
    assert.ok(readFileSync(file).equals(PROBE), 'the file is byte-identical');

    const database = snapshots.find((s) => s.tags.includes('kind=database'))!;
    const dump = await plainRestic(dir, PASSPHRASE, ['dump', database.id, database.paths[0]]);
    assert.equal(dump.code, 0, dump.err);
    assert.equal(dump.out.subarray(0, 5).toString('latin1'), 'PGDMP');

    const wrong = await plainRestic(dir, `${PASSPHRASE}!`, ['snapshots']);
    assert.notEqual(wrong.code, 0);
    assert.match(wrong.err, /wrong password|no key found/);
  });

  it('keeps only the latest archive: a new export replaces it, the first one answers 404', async () => {
    const second = await post({ service: 'pad', pointId, passphrase: `${PASSPHRASE} bis` });
    assert.equal(second.status, 202, second.text);
    const { job } = await waitJob(server, session, (second.body as { jobId: string }).jobId);
    assert.equal(job.state, 'succeeded', jobError(job));
    assert.equal((await download(server, session, exportJob, join(work, 'gone.tar'))).status, 404);
    assert.equal((await download(server, session, job.id, join(work, 'second.tar'))).status, 200);
    assert.deepEqual(readdirSync(exportsDir()).sort(), ['archive.json', 'archive.tar']);
    assert.ok(!existsSync(join(work, 'gone.tar')));
    // Anyone without a session gets nothing.
    await request(server.url).get(`/api/backups/exports/${job.id}/download`).expect(401);
  });
});
