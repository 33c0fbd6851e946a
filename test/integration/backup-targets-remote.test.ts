import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { BackupTargetRepository, type StoredTarget } from '../../server/src/backups/backup-target.repository';
import { runOf } from '../../server/src/backups/backup-retention';
import { restoredDataPath } from '../../server/src/backups/restic.container';
import type { ResticRepository } from '../../server/src/backups/restic.repository';
import type { BackupTarget } from '../../server/src/backups/restic.types';
import { fingerprintOf, generateSshKeyPair, parseHostKey } from '../../server/src/backups/ssh-key';
import { createDataSource } from '../../server/src/database/data-source';
import type { DataDirRepository } from '../../server/src/platform/data-dir.repository';
import { act, jobError, type Session, waitJob } from '../support/appliance';
import { disposeAppliance, setUpAppliance } from '../support/set-up-appliance';
import { startS3Server, type S3Server } from '../support/s3-server';
import { ServerProcess } from '../support/server-process';
import { startSftpServer, type SftpServer } from '../support/sftp-server';
import { requireEngineAndImages, testRestic } from '../support/test-images';

interface TargetView {
  id: string;
  label: string;
  kind: string;
  location: string;
  lastSuccessAt: string | null;
  lastError: { key: string; detail: string | null } | null;
  hostKeyFingerprint: string | null;
  s3PathStyle: boolean | null;
}
interface Refusal {
  errors: Array<{ field: string; code: string; message: string }>;
}

/** Every file under a directory, relative, with its SHA-256. */
function digests(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else out[relative(root, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(root);
  return out;
}

/**
 * SFTP and S3 places on the real engine: Debian's OpenSSH server (sshd, SFTP only) reached with the
 * appliance's own key and the server's pinned host key, and moto's S3 server checking keys and
 * signatures. A run is copied to both; restic checks both and a restore from each reads back the same
 * files as the local repository's; a wrong host key and wrong S3 keys are refused with their codes.
 */
describe('backup targets: an SFTP server and an S3 service', () => {
  let server: ServerProcess;
  let session: Session;
  let applianceId = '';
  let sftp: SftpServer;
  let s3: S3Server;
  let restic: ResticRepository;
  let files: DataDirRepository;

  const api = () => ({
    get: (path: string) => request(server.url).get(path).set('Cookie', session.cookie),
    post: (path: string, body: object) =>
      request(server.url).post(path).set('Cookie', session.cookie).set('x-csrf-token', session.csrf).send(body),
  });
  const targets = async () =>
    ((await api().get('/api/backups/targets').expect(200)).body as { targets: TargetView[] }).targets;
  const sftpBody = (hostKey: string) => ({
    label: 'SFTP',
    kind: 'sftp',
    location: sftp.location,
    hostKey,
    retention: null,
  });
  const s3Body = (secretAccessKey: string) => ({
    label: 'S3',
    kind: 's3',
    location: `${s3.bucketUrl}/fabrique`,
    accessKeyId: s3.accessKeyId,
    secretAccessKey,
    pathStyle: true,
    retention: null,
  });
  /** restic's view of the stored places, read as the backups module does. */
  const stored = async (): Promise<StoredTarget[]> => {
    const dataSource = createDataSource(server.dataDir);
    await dataSource.initialize();
    try {
      return await new BackupTargetRepository(dataSource, files).enabled();
    } finally {
      await dataSource.destroy();
    }
  };
  const runsIn = async (target: BackupTarget) =>
    [...new Set((await restic.snapshots(target)).map((s) => runOf(s)))].sort();

  before(async () => {
    await requireEngineAndImages();
    sftp = await startSftpServer('targets-sftp');
    s3 = await startS3Server('tl-backups');
    ({ server, session, applianceId } = await setUpAppliance('targets-remote', []));
    ({ restic, files } = testRestic(server.dataDir, applianceId));
  });

  after(async () => {
    await disposeAppliance(server, applianceId);
    await sftp?.dispose();
    await s3?.dispose();
  });

  it('shows the appliance’s SSH public key, its private key a 0600 file', async () => {
    const { publicKey } = (await api().get('/api/backups/targets/ssh-key').expect(200)).body as { publicKey: string };
    assert.match(publicKey, /^ssh-ed25519 AAAA[A-Za-z0-9+/]+ tiers-lieux-backups$/);
    const again = (await api().get('/api/backups/targets/ssh-key').expect(200)).body as { publicKey: string };
    assert.equal(again.publicKey, publicKey, 'one key for the appliance');
    assert.equal(statSync(files.backupSshKeyFile).mode & 0o777, 0o600);
    // The admin adds it to the server's authorized_keys.
    sftp.authorize(publicKey);
  });

  it('refuses a server showing another host key, and wrong S3 keys, with their codes', async () => {
    const refused = async (body: object, status: number, field: string, code: string) => {
      const res = await api().post('/api/backups/targets', body);
      // The manager logs restic's own words for a refused place: shown when the code is not the expected one.
      const why = () =>
        server.log
          .split('\n')
          .filter((line) => line.includes('refused ('))
          .join('\n');
      assert.equal(res.status, status, `${res.text}\n${why()}`);
      assert.deepEqual(
        (res.body as Refusal).errors.map((e) => [e.field, e.code]),
        [[field, code]],
        res.text,
      );
    };
    await refused(sftpBody(generateSshKeyPair('another-server').publicKey), 400, 'location', 'targetHostKeyMismatch');
    await refused(sftpBody('not a key'), 400, 'hostKey', 'notHostKey');
    await refused(s3Body(`${s3.secretAccessKey.slice(0, -1)}x`), 400, 'location', 'targetS3Denied');
    await refused(
      { ...s3Body(s3.secretAccessKey), accessKeyId: 'AKIAUNKNOWN0000000' },
      400,
      'location',
      'targetS3Denied',
    );
    await refused({ ...s3Body(s3.secretAccessKey), accessKeyId: undefined }, 400, 'accessKeyId', 'notS3Keys');
    assert.deepEqual(await targets(), []);
    assert.equal(existsSync(sftp.dir), false, 'nothing was written on the server that showed another key');
  });

  it('adds both places, the host key pinned and the S3 keys in 0600 files, none in the database', async () => {
    const added = await api().post('/api/backups/targets', sftpBody(sftp.hostKey));
    assert.equal(added.status, 201, added.text);
    const view = added.body as TargetView;
    assert.equal(view.location, sftp.location);
    assert.equal(view.hostKeyFingerprint, fingerprintOf(parseHostKey(sftp.hostKey)!));
    const bucket = await api().post('/api/backups/targets', s3Body(s3.secretAccessKey));
    assert.equal(bucket.status, 201, bucket.text);
    assert.deepEqual(
      [(bucket.body as TargetView).location, (bucket.body as TargetView).s3PathStyle],
      [`${s3.bucketUrl}/fabrique`, true],
    );

    const list = await targets();
    assert.doesNotMatch(JSON.stringify(list), new RegExp(s3.secretAccessKey.replace(/[+/]/g, '.')));
    for (const target of list) assert.equal(statSync(files.backupTargetSecretFile(target.id)).mode & 0o777, 0o600);
    for (const file of [files.databaseFile, `${files.databaseFile}-wal`]) {
      const bytes = existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
      assert.equal(bytes.includes(s3.secretAccessKey), false, `${file} holds no S3 secret`);
    }
    assert.ok(existsSync(join(sftp.dir, 'config')), 'restic made its repository on the SFTP server');
  });

  it('copies a run to both; restic checks each and a restore from each reads back the local files', async () => {
    const jobId = await act(server, session, '/api/backups', { services: ['appliance'] });
    const { job } = await waitJob(server, session, jobId);
    assert.equal(job.state, 'succeeded', jobError(job));
    const runs = await runsIn({ kind: 'local' });
    assert.equal(runs.length, 1);
    for (const target of await targets()) {
      assert.ok(target.lastSuccessAt, `${target.label} has its copy`);
      assert.equal(target.lastError, null);
    }

    const local = (await restic.snapshots({ kind: 'local' })).find((s) => s.paths[0] === '/data/backups/staging');
    assert.ok(local, 'the run holds the staged manager database');
    await restic.restoreDataPath({ kind: 'local' }, local.id, 'restore-local');
    const expected = digests(join(server.dataDir, restoredDataPath('restore-local', 'backups/staging')));
    assert.ok(Object.keys(expected).length > 0);

    for (const { row, target } of await stored()) {
      assert.deepEqual(await runsIn(target), runs, `${row.label} holds the run`);
      await restic.check(target, '100%');
      const copy = (await restic.snapshots(target)).find((s) => s.paths[0] === '/data/backups/staging');
      assert.ok(copy, `${row.label} holds the staged database`);
      const dir = `restore-${row.kind}`;
      await restic.restoreDataPath(target, copy.id, dir);
      assert.deepEqual(digests(join(server.dataDir, restoredDataPath(dir, 'backups/staging'))), expected, row.label);
    }
  });
});
