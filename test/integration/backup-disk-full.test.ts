import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import type { ResticRepository } from '../../server/src/backups/restic.repository';
import { act, applianceEnv, jobError, type Session, setUpHealthy, startAppliance, waitJob } from '../support/appliance';
import { dockerSync as docker } from '../support/docker-cli';
import type { ServerProcess } from '../support/server-process';
import { cleanupAppliance, requireEngineAndImages, testImageTags, testRestic } from '../support/test-images';

/** The backup disk: a tmpfs this small holds the first point of the pad but not 48 MiB of random bytes. */
const DISK_MIB = 24;
const BIG_MIB = 48;
const LOCAL = { kind: 'local' } as const;

interface Overview {
  snapshots: Array<{ id: string; services: string[] }>;
  runs: Array<{ id: string; jobId: string; state: string; error?: { key: string } }>;
}

/** sha256 of what `restic dump` gives back: the earlier point is read whole, not only listed. */
async function dumpDigest(restic: ResticRepository, snapshotId: string, file: string): Promise<string> {
  const hash = createHash('sha256');
  const sink = new Writable({
    write(chunk: Buffer, _e, done) {
      hash.update(chunk);
      done();
    },
  });
  await restic.dump(LOCAL, snapshotId, file, sink);
  return hash.digest('hex');
}

/**
 * The disk that holds the repository fills up during a backup (a real, too-small tmpfs mounted where the
 * local repository lives, as an admin's small USB disk would be): the run fails with the disk-full key,
 * keeps no snapshot, and the repository with its earlier point stays whole; once there is room again the
 * next backup succeeds.
 */
describe('backup onto a disk that fills up (real tmpfs, restic, Postgres and engine)', () => {
  let server: ServerProcess;
  let session: Session;
  let applianceId = '';
  let restic: ResticRepository;
  let disk = '';
  let volume = '';

  const overview = async () =>
    (await request(server.url).get('/api/backups').set('Cookie', session.cookie).expect(200)).body as Overview;
  /** Writes into the pad's uploads volume from a short-lived container of the test restic image. */
  const inVolume = (script: string) =>
    docker('run', '--rm', '--entrypoint', 'sh', '-v', `${volume}:/d`, testImageTags().restic, '-c', script);

  before(async () => {
    await requireEngineAndImages();
    server = await startAppliance('backup-full', await applianceEnv());
    ({ session, applianceId } = await setUpHealthy(server, 'pad'));
    ({ restic } = testRestic(server.dataDir, applianceId));
    volume = `tl-${applianceId}-hedgedoc-uploads`;
    disk = join(server.dataDir, 'backups', 'repository');
    mkdirSync(disk, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${DISK_MIB}m,mode=0700`, 'tl-test-backup-disk', disk]);
  });

  after(async () => {
    if (disk) execFileSync('umount', ['--lazy', disk]);
    await server?.dispose();
    if (applianceId) await cleanupAppliance(applianceId);
  });

  let firstPoint = '';
  let firstDump = '';

  it('backs up the pad onto the small disk while it has room', async () => {
    inVolume('echo "affiche de la fête" > /d/affiche.txt');
    const jobId = await act(server, session, '/api/backups', {});
    const { job } = await waitJob(server, session, jobId);
    assert.equal(job.state, 'succeeded', jobError(job));
    const [point] = (await overview()).snapshots;
    firstPoint = point.id;
    const database = (await restic.snapshots(LOCAL, [`run=${firstPoint}`, 'kind=database']))[0];
    firstDump = await dumpDigest(restic, database.id, 'hedgedoc.pgdump');
  });

  it('fails a backup that does not fit, with the disk-full key, and keeps no snapshot of it', async () => {
    inVolume(`head -c ${BIG_MIB}M /dev/urandom > /d/big.bin`);
    const jobId = await act(server, session, '/api/backups', {});
    const { job } = await waitJob(server, session, jobId);
    assert.equal(job.state, 'failed');
    assert.equal(job.error?.key, 'backupDiskFull', jobError(job));
    assert.match(job.error?.detail ?? '', /no space left on device/i);

    const list = await overview();
    const failed = list.runs.find((r) => r.jobId === jobId);
    assert.equal(failed?.state, 'failed');
    assert.equal(failed?.error?.key, 'backupDiskFull');
    assert.deepEqual(
      list.snapshots.map((p) => p.id),
      [firstPoint],
      'only the earlier point is listed',
    );
    assert.deepEqual(await restic.snapshots(LOCAL, [`run=${failed.id}`]), []);
  });

  it('corrupts nothing: once the disk has room again, every byte of the repository reads back and the earlier point is whole', async () => {
    // The admin frees space (here: a bigger disk), as the error message asks.
    execFileSync('mount', ['-o', `remount,size=${DISK_MIB * 4}m`, disk]);
    await restic.check(LOCAL, '1/1');
    const database = (await restic.snapshots(LOCAL, [`run=${firstPoint}`, 'kind=database']))[0];
    assert.equal(await dumpDigest(restic, database.id, 'hedgedoc.pgdump'), firstDump);
  });

  it('the next backup succeeds', async () => {
    const jobId = await act(server, session, '/api/backups', {});
    const { job } = await waitJob(server, session, jobId);
    assert.equal(job.state, 'succeeded', jobError(job));
    assert.equal((await overview()).snapshots.length, 2);
  });
});
