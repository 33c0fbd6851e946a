import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { restoredDataPath } from '../../server/src/backups/restic.container';
import { ResticRepository } from '../../server/src/backups/restic.repository';
import { ResticError, type BackupTarget } from '../../server/src/backups/restic.types';
import { TOOL_IMAGES } from '../../server/src/catalog/tools.catalog';
import { LABELS, MANAGED_BY } from '../../server/src/engine/engine.types';
import { DataDirRepository } from '../../server/src/platform/data-dir.repository';
import { dockerSync as docker } from '../support/docker-cli';
import { eventually } from '../support/eventually';
import { cleanupAppliance, requireEngineAndImages, testImageOverrides, testRestic } from '../support/test-images';

const applianceId = `rt${process.pid}`;
const labels = ['--label', `${LABELS.managedBy}=${MANAGED_BY}`, '--label', `${LABELS.applianceId}=${applianceId}`];
const local: BackupTarget = { kind: 'local' };
const image = () => testImageOverrides()[TOOL_IMAGES.restic];

/** A shell script in a throwaway container of the restic test image, with one volume at /v. */
function inVolume(volume: string, script: string, readOnly = false): string {
  const mount = `${volume}:/v${readOnly ? ':ro' : ''}`;
  return docker('run', '--rm', '--network', 'none', '-v', mount, '--entrypoint', 'sh', image(), '-c', script);
}

/** The files of a volume as `path mode uid:gid sha256`. */
function listing(volume: string): string {
  return inVolume(
    volume,
    'cd /v && find . -mindepth 1 | sort | while read f; do ' +
      'if [ -f "$f" ]; then s=$(sha256sum "$f" | cut -c1-64); else s=-; fi; echo "$f $(stat -c "%a %u:%g" "$f") $s"; done',
    true,
  );
}

function sink(): { stream: Writable; hash: () => string } {
  const hash = createHash('sha256');
  const stream = new Writable({
    write(chunk: Buffer, _e, done) {
      hash.update(chunk);
      done();
    },
  });
  return { stream, hash: () => hash.digest('hex') };
}

describe('ResticRepository on the real engine (restic in a sibling container)', () => {
  let dataDir: string;
  let files: DataDirRepository;
  let restic: ResticRepository;
  const volume = `tl-${applianceId}-files-data`;
  const restoreInto = `tl-${applianceId}-files-restored`;
  const dump = randomBytes(3 * 1024 * 1024 + 123);

  before(async () => {
    await requireEngineAndImages();
    dataDir = mkdtempSync(join(tmpdir(), 'tl-restic-'));
    ({ restic, files } = testRestic(dataDir, applianceId, { SESSION_SECRET: 'x'.repeat(40) }));
    for (const name of [volume, restoreInto]) docker('volume', 'create', ...labels, name);
    // Files of several owners and modes, some readable by their owner only.
    inVolume(
      volume,
      'mkdir -p /v/media/a && head -c 200000 /dev/urandom > /v/media/a/blob && echo key > /v/signing.key && ' +
        'chown -R 991:991 /v/media /v/signing.key && chmod 600 /v/signing.key && chmod 700 /v/media',
    );
  });

  after(async () => {
    await cleanupAppliance(applianceId);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates the repository at the first call, with a 0600 password file, and again is a no-op', async () => {
    await restic.ensureRepository(local);
    await restic.ensureRepository(local);
    assert.ok(files.exists(join(files.backupRepositoryDir, 'config')));
    assert.equal(files.readText(files.backupPasswordFile)!.length >= 32, true);
  });

  let volumeSnapshot = '';
  let dumpSnapshot = '';

  it('backs up a volume read-only with its tags, reporting progress', async () => {
    const summary = await restic.backupVolume(local, { name: volume }, ['run=r1', 'service=files', 'kind=volume']);
    // restic 0.14 reports the short id (a unique prefix every command accepts).
    assert.match(summary.snapshotId, /^[0-9a-f]{8,64}$/);
    assert.ok(summary.totalBytesProcessed >= 200_000);
    volumeSnapshot = summary.snapshotId;
  });

  it('backs up a stream through stdin and dumps it back byte-identical', async () => {
    const statuses: number[] = [];
    const summary = await restic.backupStdin(
      local,
      'synapse.pgdump',
      Readable.from([dump.subarray(0, 1000), dump.subarray(1000)]),
      ['run=r1', 'service=synapse', 'kind=database'],
      { onStatus: (s) => statuses.push(s.percentDone) },
    );
    dumpSnapshot = summary.snapshotId;
    const out = sink();
    await restic.dump(local, dumpSnapshot, 'synapse.pgdump', out.stream);
    assert.equal(out.hash(), createHash('sha256').update(dump).digest('hex'));
  });

  it('lists snapshots with their tags, filtered by tags', async () => {
    const all = await restic.snapshots(local);
    assert.equal(all.length, 2);
    const volumes = await restic.snapshots(local, ['run=r1', 'kind=volume']);
    assert.equal(volumes.length, 1);
    assert.ok(volumes[0].id.startsWith(volumeSnapshot));
    assert.deepEqual(volumes[0].paths, [`/volumes/${volume}`]);
    assert.deepEqual(volumes[0].tags.sort(), ['kind=volume', 'run=r1', 'service=files']);
  });

  it('restores a volume into another, emptied first, byte-identical with owners and modes', async () => {
    inVolume(restoreInto, 'echo stale > /v/stale && mkdir /v/old && echo x > /v/old/y');
    await restic.restoreVolume(local, volumeSnapshot, { name: restoreInto });
    assert.equal(listing(restoreInto), listing(volume));
    assert.match(listing(restoreInto), /\.\/signing\.key 600 991:991/);
  });

  it('leaves out the paths a volume backup excludes (a cache)', async () => {
    const summary = await restic.backupVolume(local, { name: volume, exclude: ['media/a'] }, ['run=r9']);
    await restic.restoreVolume(local, summary.snapshotId, { name: restoreInto });
    assert.doesNotMatch(listing(restoreInto), /\.\/media\/a/);
    assert.match(listing(restoreInto), /\.\/signing\.key 600 991:991/);
    await restic.removeSnapshots(local, [summary.snapshotId]);
  });

  it('backs up a data-directory path and restores it under another directory', async () => {
    files.writeAtomic(join(files.backupStagingDir, 'appliance.sqlite'), 'db copy');
    const summary = await restic.backupDataPath(local, 'backups/staging', ['run=r1', 'kind=appliance']);
    await restic.restoreDataPath(local, summary.snapshotId, 'restored');
    const back = files.readText(join(dataDir, restoredDataPath('restored', 'backups/staging'), 'appliance.sqlite'));
    assert.equal(back, 'db copy');
    await restic.removeSnapshots(local, [summary.snapshotId]);
  });

  it('removes snapshots by id', async () => {
    await restic.removeSnapshots(local, [dumpSnapshot]);
    const left = await restic.snapshots(local);
    assert.deepEqual(
      left.map((s) => s.id.startsWith(volumeSnapshot)),
      [true],
    );
  });

  it('stops a run when its signal aborts: ResticError timeout, and no container left', async () => {
    const hung = new PassThrough(); // never ends: restic waits on stdin
    const controller = new AbortController();
    const run = restic.backupStdin(local, 'hung.pgdump', hung, ['run=r2'], { signal: controller.signal });
    await eventually(async () => (await restic.leftovers()).length === 1, 'the restic container runs');
    controller.abort();
    await assert.rejects(run, (e: unknown) => e instanceof ResticError && e.reason === 'timeout');
    assert.deepEqual(await restic.leftovers(), []);
  });

  it('clears a stale lock', async () => {
    // A lock file a killed run would leave: restic refuses exclusive operations until unlocked.
    const hung = new PassThrough();
    const controller = new AbortController();
    const run = restic.backupStdin(local, 'hung.pgdump', hung, ['run=r3'], { signal: controller.signal });
    const lockDir = join(files.backupRepositoryDir, 'locks');
    const { readdirSync } = await import('node:fs');
    for (let i = 0; i < 600 && readdirSync(lockDir).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(readdirSync(lockDir).length, 1, 'the running backup holds a lock');
    controller.abort();
    await assert.rejects(run);
    assert.equal(readdirSync(lockDir).length, 1, 'the killed run left its lock');
    await assert.rejects(
      restic.removeSnapshots(local, [volumeSnapshot]),
      (e: unknown) => e instanceof ResticError && e.reason === 'locked',
    );
    await restic.unlock(local);
    assert.equal(readdirSync(lockDir).length, 0);
  });

  it('tells a wrong password apart', async () => {
    const right = files.readText(files.backupPasswordFile)!;
    files.writeAtomic(files.backupPasswordFile, 'not-the-password');
    try {
      await assert.rejects(
        restic.snapshots(local),
        (e: unknown) => e instanceof ResticError && e.reason === 'wrongPassword',
      );
    } finally {
      files.writeAtomic(files.backupPasswordFile, right);
    }
  });

  it('tells a missing repository apart', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'tl-restic-empty-'));
    try {
      await assert.rejects(
        restic.snapshots({ kind: 'directory', path: elsewhere }),
        (e: unknown) => e instanceof ResticError && e.reason === 'noRepository',
      );
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
