import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { BackupMaintenanceHandler } from '../../server/src/backups/backup-maintenance.handler';
import type { BackupScheduleService } from '../../server/src/backups/backup-schedule.service';
import { BackupSettingsRepository } from '../../server/src/backups/backup-settings.repository';
import { BackupStaleLocks } from '../../server/src/backups/backup-stale-locks.service';
import { BackupTargetRepository } from '../../server/src/backups/backup-target.repository';
import { runOf } from '../../server/src/backups/backup-retention';
import { DEFAULT_SCHEDULE } from '../../server/src/backups/backup.types';
import { ResticRepository } from '../../server/src/backups/restic.repository';
import type { BackupTarget } from '../../server/src/backups/restic.types';
import type { AppConfig } from '../../server/src/config/app-config';
import { createDataSource } from '../../server/src/database/data-source';
import type { JobProgress } from '../../server/src/jobs/job-progress';
import { LockService } from '../../server/src/locks/lock.service';
import { Clock } from '../../server/src/platform/clock';
import { DataDirRepository } from '../../server/src/platform/data-dir.repository';
import type { InstallationRepository } from '../../server/src/setup/installation.repository';
import { act, jobError, type Session, waitJob } from '../support/appliance';
import { disposeAppliance, setUpAppliance } from '../support/set-up-appliance';
import { removeTempDir, tempDir } from '../support/leftovers';
import { startRestServer, type RestServer } from '../support/rest-server';
import { ServerProcess } from '../support/server-process';
import { requireEngineAndImages, testEngine, testRestic } from '../support/test-images';
import type { AdminNoticeService } from '../../server/src/notices/admin-notice.service';

interface TargetView {
  id: string;
  label: string;
  kind: string;
  location: string;
  enabled: boolean;
  retention: { daily: number; weekly: number; monthly: number } | null;
  lastSuccessAt: string | null;
  lastError: { key: string; detail: string | null } | null;
  recoveryKeyAt: string | null;
}
interface Overview {
  runs: Array<{ id: string; state: string; error?: { key: string; params: Record<string, unknown> } }>;
}

const PASSWORD = 'coop-s3cret-Pa55';

/** The manager's data directory, restic given another password file: the recovery key under test. */
class OtherPassword extends DataDirRepository {
  override get backupPasswordFile(): string {
    return `${this.secretsDir}/test-recovery-key`;
  }
}
/** Short, so a stopped server fails its copy quickly (a normal call takes a few seconds). */
const TIMEOUT_SEC = 30;

/**
 * Off-site backup targets on the real engine: a directory of the host and a real REST server (Debian's
 * `rclone serve restic --append-only`, with a password), added through the API, each run copied there
 * by restic, retention per target, and a stopped server reported without losing the local backup.
 */
describe('backup targets: a directory and an append-only REST server', () => {
  let server: ServerProcess;
  let session: Session;
  let applianceId = '';
  let rest: RestServer;
  let directory = '';
  let restic: ResticRepository;
  let files: DataDirRepository;
  let config: AppConfig;
  const runs: string[] = [];

  const api = () => ({
    get: (path: string) => request(server.url).get(path).set('Cookie', session.cookie),
    post: (path: string, body: object) => api().write('post', path).send(body),
    write: (method: 'post' | 'put' | 'delete', path: string) =>
      request(server.url)[method](path).set('Cookie', session.cookie).set('x-csrf-token', session.csrf),
  });
  const targets = async () =>
    ((await api().get('/api/backups/targets').expect(200)).body as { targets: TargetView[] }).targets;
  const withPassword = () => rest.url.replace('http://', `http://coop:${PASSWORD}@`);
  const dirTarget = (): BackupTarget => ({ kind: 'directory', path: directory });
  const restTarget = (): BackupTarget => ({ kind: 'rest', url: withPassword() });
  const runsIn = async (target: BackupTarget) =>
    [...new Set((await restic.snapshots(target)).map((s) => runOf(s)))].sort();
  const backUp = async () => {
    const jobId = await act(server, session, '/api/backups', { services: ['appliance'] });
    return waitJob(server, session, jobId);
  };

  before(async () => {
    await requireEngineAndImages();
    rest = await startRestServer('targets-rest', { user: 'coop', pass: PASSWORD });
    directory = tempDir('targets-dir');
    ({ server, session, applianceId } = await setUpAppliance('targets', [], {
      env: { BACKUP_TARGET_TIMEOUT_SEC: String(TIMEOUT_SEC) },
    }));
    ({ restic, files, config } = testRestic(server.dataDir, applianceId));
  });

  after(async () => {
    await disposeAppliance(server, applianceId);
    await rest?.dispose();
    if (directory) removeTempDir(directory);
  });

  it('refuses a location it cannot use, with a code the dashboard translates', async () => {
    const refused = async (body: object, status: number, code: string) => {
      const res = await api().post('/api/backups/targets', { label: 'X', retention: null, ...body });
      assert.equal(res.status, status, res.text);
      const errors = (res.body as { errors: Array<{ field: string; code: string; message: string }> }).errors;
      assert.deepEqual(errors, [{ field: 'location', code, message: errors[0].message }]);
    };
    await refused({ kind: 'directory', location: 'backups' }, 400, 'notAbsolute');
    await refused({ kind: 'directory', location: '/etc/backups' }, 400, 'systemPath');
    await refused({ kind: 'rest', location: 'ftp://coop.example/' }, 400, 'notHttpUrl');
    await refused({ kind: 'sftp', location: 'sftp://coop@host/a b' }, 400, 'notSftpLocation');
    await refused({ kind: 'directory', location: `${directory}-missing` }, 400, 'targetMissingDirectory');
    // Unknown fields and a missing retention are the DTO's.
    const missing = await api().post('/api/backups/targets', { label: 'X', kind: 'directory', location: directory });
    assert.equal(missing.status, 400, missing.text);
    assert.deepEqual(await targets(), []);
  });

  it('adds both places; the REST password is kept in a 0600 file, never in the database or the answer', async () => {
    const disk = await api()
      .post('/api/backups/targets', {
        label: 'Disque',
        kind: 'directory',
        location: directory,
        retention: { daily: 1, weekly: 0, monthly: 0 },
      })
      .expect(201);
    assert.equal((disk.body as TargetView).location, directory);
    const coop = await api()
      .post('/api/backups/targets', { label: 'Coop', kind: 'rest', location: withPassword(), retention: null })
      .expect(201);
    const view = coop.body as TargetView;
    assert.equal(view.location, rest.url.replace('http://', 'http://coop@'));
    assert.equal(view.retention, null);

    const list = await targets();
    assert.deepEqual(
      list.map((t) => [t.label, t.kind, t.enabled]),
      [
        ['Disque', 'directory', true],
        ['Coop', 'rest', true],
      ],
    );
    assert.doesNotMatch(JSON.stringify(list), new RegExp(PASSWORD));
    const secret = files.backupTargetSecretFile(view.id);
    assert.equal(statSync(secret).mode & 0o777, 0o600);
    assert.match(readFileSync(secret, 'utf8'), new RegExp(`^rest:http://coop:${PASSWORD}@`));
    for (const file of [files.databaseFile, `${files.databaseFile}-wal`]) {
      const bytes = existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
      assert.equal(bytes.includes(PASSWORD), false, `${file} holds no password`);
    }
    // restic created the repository in both places (the REST one through the password).
    assert.deepEqual(await restic.snapshots(dirTarget()), []);
    assert.deepEqual(await restic.snapshots(restTarget()), []);
  });

  it('copies each run to both places, after the local backup, the progress going forward', async () => {
    for (let i = 0; i < 2; i++) {
      const { job, seen, stages } = await backUp();
      assert.equal(job.state, 'succeeded', jobError(job));
      assert.ok(stages.has('backupCopying'), [...stages].join(', '));
      assert.deepEqual(
        seen,
        [...seen].sort((a, b) => a - b),
        'progress never goes back',
      );
    }
    const overview = (await api().get('/api/backups').expect(200)).body as Overview;
    // Oldest first (the overview lists the newest first).
    runs.push(...overview.runs.map((r) => r.id).reverse());
    assert.equal(runs.length, 2);
    assert.deepEqual(await runsIn({ kind: 'local' }), [...runs].sort());
    assert.deepEqual(await runsIn(dirTarget()), [...runs].sort());
    assert.deepEqual(await runsIn(restTarget()), [...runs].sort());
    for (const target of await targets()) {
      assert.ok(target.lastSuccessAt, `${target.label} has a last copy`);
      assert.equal(target.lastError, null);
    }
  });

  it('adds the recovery key to both places: it opens the copies when this server is lost', async () => {
    const res = await api().post('/api/backups/recovery-key', {});
    assert.equal(res.status, 200, res.text);
    const { recoveryKey } = res.body as { recoveryKey: string };
    for (const target of await targets()) assert.ok(target.recoveryKeyAt, `${target.label} has the recovery key`);
    // restic given the recovery key instead of this server's password.
    const other = new OtherPassword(server.dataDir);
    other.writeAtomic(other.backupPasswordFile, recoveryKey);
    const installation = { get: () => Promise.resolve({ applianceId }) } as unknown as InstallationRepository;
    const withKey = new ResticRepository(config, testEngine(), other, installation);
    for (const target of [dirTarget(), restTarget()]) {
      const opened = [...new Set((await withKey.snapshots(target)).map((s) => runOf(s)))].sort();
      assert.deepEqual(opened, [...runs].sort(), `${target.kind} opens with the recovery key`);
    }
  });

  it('applies the directory’s own retention, never forgets on the append-only server, and checks both', async () => {
    const dataSource: DataSource = createDataSource(server.dataDir);
    await dataSource.initialize();
    try {
      const locks = new LockService(new Clock());
      // The local repository keeps everything here (all zeros), so only the targets' policies act.
      const keepAll = { ...DEFAULT_SCHEDULE, retention: { daily: 0, weekly: 0, monthly: 0 } };
      const schedule = { get: () => Promise.resolve(keepAll), timeZone: 'UTC' } as unknown as BackupScheduleService;
      const handler = new BackupMaintenanceHandler(
        restic,
        { kind: 'local' },
        config,
        locks,
        new BackupStaleLocks(restic, locks, config),
        schedule,
        new BackupSettingsRepository(dataSource),
        new Clock(),
        // No admin room here: backup-notice.test.ts delivers the notices.
        { tell: () => undefined } as unknown as AdminNoticeService,
        new BackupTargetRepository(dataSource, files),
      );
      const job = (kind: 'backupForget' | 'backupCheck', stages: JobProgress[]) =>
        handler.run({ jobId: `${kind}-t`, kind, target: 'backups', options: {}, progress: (p) => stages.push(p) });
      const stages: JobProgress[] = [];
      const outcome = await job('backupForget', stages);
      assert.equal(outcome.kind, 'done');
      assert.deepEqual(
        stages.filter((s) => s.stage === 'backupForgetTarget').map((s) => s.params.target),
        ['Disque'],
        'the append-only server is never asked to forget',
      );
      // Both runs are on the same day: one daily point kept on the disk, the newest.
      assert.deepEqual(await runsIn(dirTarget()), [runs[1]]);
      assert.deepEqual(await runsIn(restTarget()), [...runs].sort());
      assert.deepEqual(await runsIn({ kind: 'local' }), [...runs].sort());

      const checked: JobProgress[] = [];
      assert.equal((await job('backupCheck', checked)).kind, 'done');
      assert.deepEqual(
        checked.filter((s) => s.stage === 'backupCheckTarget').map((s) => s.params.target),
        ['Disque', 'Coop'],
      );
    } finally {
      await dataSource.destroy();
    }
  });

  it('a stopped REST server fails the run naming it, the local backup and the disk copy kept', async () => {
    await rest.stop();
    const { job } = await backUp();
    assert.equal(job.state, 'failed');
    assert.equal(job.error?.key, 'backupTargetFailed', jobError(job));
    assert.deepEqual(job.error?.params, { targets: 'Coop', count: 1 });

    const overview = (await api().get('/api/backups').expect(200)).body as Overview;
    const latest = overview.runs.find((r) => !runs.includes(r.id))!;
    assert.equal(latest.state, 'succeeded', 'the local backup point is kept');
    assert.equal(latest.error?.key, 'backupTargetFailed');
    assert.ok((await runsIn({ kind: 'local' })).includes(latest.id));
    assert.ok((await runsIn(dirTarget())).includes(latest.id), 'the disk got its copy');

    const byLabel = new Map((await targets()).map((t) => [t.label, t]));
    assert.equal(byLabel.get('Disque')?.lastError, null);
    assert.match(byLabel.get('Coop')?.lastError?.key ?? '', /^target(Unreachable|Timeout)$/);
  });

  it('turns a place off (no copy tried there) and validates a change', async () => {
    const coop = (await targets()).find((t) => t.label === 'Coop')!;
    const put = (body: object) => api().write('put', `/api/backups/targets/${coop.id}`).send(body);
    assert.equal((await put({ retention: { daily: -1, weekly: 0, monthly: 0 } })).status, 400);
    const off = await put({ enabled: false, label: 'Coop (off)' });
    assert.equal(off.status, 200, off.text);
    assert.deepEqual([(off.body as TargetView).enabled, (off.body as TargetView).label], [false, 'Coop (off)']);
    const { job } = await backUp();
    assert.equal(job.state, 'succeeded', jobError(job));
    await put({ enabled: true, label: 'Coop' }).expect(200);
  });

  it('forgets a place without touching what it holds', async () => {
    const disk = (await targets()).find((t) => t.label === 'Disque')!;
    await api().write('delete', `/api/backups/targets/${disk.id}`).expect(204);
    assert.deepEqual(
      (await targets()).map((t) => t.label),
      ['Coop'],
    );
    assert.ok((await runsIn(dirTarget())).length > 0, 'the backups there are still there');
  });
});
