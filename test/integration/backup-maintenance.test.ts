import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { BackupMaintenanceHandler } from '../../server/src/backups/backup-maintenance.handler';
import type { BackupScheduleService } from '../../server/src/backups/backup-schedule.service';
import { BackupSettingsRepository } from '../../server/src/backups/backup-settings.repository';
import { BackupStaleLocks } from '../../server/src/backups/backup-stale-locks.service';
import { BackupTargetRepository } from '../../server/src/backups/backup-target.repository';
import { DEFAULT_SCHEDULE, type BackupSchedule } from '../../server/src/backups/backup.types';
import { RESTIC_HOST } from '../../server/src/backups/restic.container';
import { ResticRepository } from '../../server/src/backups/restic.repository';
import { ResticError, type BackupTarget } from '../../server/src/backups/restic.types';
import { TOOL_IMAGES } from '../../server/src/catalog/tools.catalog';
import type { AppConfig } from '../../server/src/config/app-config';
import { createDataSource } from '../../server/src/database/data-source';
import { LABELS, MANAGED_BY } from '../../server/src/engine/engine.types';
import { JobFailure, type JobContext, type JobOutcome } from '../../server/src/jobs/job-handler';
import type { JobProgress } from '../../server/src/jobs/job-progress';
import { LockService } from '../../server/src/locks/lock.service';
import type { AdminNotice } from '../../server/src/notices/admin-notice.messages';
import type { AdminNoticeService } from '../../server/src/notices/admin-notice.service';
import { Clock } from '../../server/src/platform/clock';
import { DataDirRepository } from '../../server/src/platform/data-dir.repository';
import { dockerSync as docker } from '../support/docker-cli';
import { eventually } from '../support/eventually';
import { removeTempDir, tempDir } from '../support/leftovers';
import { startRestServer, type RestServer } from '../support/rest-server';
import { cleanupAppliance, requireEngineAndImages, testImageOverrides, testRestic } from '../support/test-images';

/**
 * Retention, integrity checks, stale locks and hung targets on real restic (the repository's sibling
 * containers on the real engine) and a real REST server (`rclone serve restic --append-only`): the
 * retention and check jobs' handler runs in-process, as the jobs processor would run it.
 */
const applianceId = `bm${process.pid}`;
const local: BackupTarget = { kind: 'local' };
/** Short for the hung target: a target that stops answering fails the job within this (a normal call takes a few seconds). */
const HUNG_TIMEOUT_SEC = 15;

interface Parts {
  dataDir: string;
  files: DataDirRepository;
  config: AppConfig;
  restic: ResticRepository;
  locks: LockService;
  dataSource: DataSource;
  schedule: BackupSchedule;
  handler: BackupMaintenanceHandler;
  /** The notices the handler told (the admin room's delivery is tested in backup-notice.test.ts). */
  told: AdminNotice[];
}

async function parts(label: string, target: BackupTarget, env: Record<string, string> = {}): Promise<Parts> {
  const dataDir = tempDir(label);
  const { restic, files, config } = testRestic(dataDir, applianceId, env);
  const locks = new LockService(new Clock());
  const dataSource = createDataSource(dataDir);
  await dataSource.initialize();
  await dataSource.runMigrations();
  const p = { dataDir, files, config, restic, locks, dataSource, schedule: DEFAULT_SCHEDULE } as Parts;
  p.told = [];
  const notices = { tell: (notice: AdminNotice) => p.told.push(notice) } as unknown as AdminNoticeService;
  const schedule = { get: () => Promise.resolve(p.schedule), timeZone: 'UTC' } as unknown as BackupScheduleService;
  p.handler = new BackupMaintenanceHandler(
    restic,
    target,
    config,
    locks,
    new BackupStaleLocks(restic, locks, config),
    schedule,
    new BackupSettingsRepository(dataSource),
    new Clock(),
    notices,
    new BackupTargetRepository(dataSource, files),
  );
  return p;
}

async function dispose(p: Parts | undefined): Promise<void> {
  if (!p) return;
  await p.dataSource.destroy();
  removeTempDir(p.dataDir);
}

let jobs = 0;
function run(p: Parts, kind: 'backupForget' | 'backupCheck', stages: JobProgress[] = []): Promise<JobOutcome> {
  jobs += 1;
  const job: JobContext = {
    jobId: `${kind}-${jobs}`,
    kind,
    target: 'backups',
    options: {},
    progress: (s) => stages.push(s),
  };
  return p.handler.run(job);
}

/** Debian's restic on the host, on the local repository (what generates a history at given times). */
function hostRestic(p: Parts, args: string[]): string {
  return execFileSync(
    'restic',
    ['-r', p.files.backupRepositoryDir, '--password-file', p.files.backupPasswordFile, '--no-cache', ...args],
    { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } },
  );
}

const runTag = (tags: readonly string[]) => tags.find((t) => t.startsWith('run='))?.slice(4);

describe('backup retention and checks on real restic', () => {
  let p: Parts | undefined;
  before(async () => {
    await requireEngineAndImages();
    p = await parts('backup-maint', local);
    await p.restic.ensureRepository(local);
  });
  after(async () => {
    await cleanupAppliance(applianceId);
    await dispose(p);
  });

  it('keeps exactly the backup points the policy keeps, every part of a point together', async () => {
    const parts = p!;
    const tiny = join(parts.dataDir, 'tiny');
    mkdirSync(tiny);
    // Generated history (UTC noon, so every time zone of the test machine reads the same days).
    // Policy 3 daily, 2 weekly, 2 monthly; newest first:
    //   11-11 day 1, ISO week 46, November  kept
    //   11-10 day 2                          kept
    //   11-09 12:00 day 3                    kept
    //   11-09 10:00 same day as the one kept forgotten
    //   11-04 ISO week 45                    kept
    //   11-02 week 45 already kept           forgotten
    //   10-20 October                        kept
    //   10-10 October already kept           forgotten
    //   09-15 no rule left                   forgotten
    const history: Array<[string, string, boolean]> = [
      ['p0915', '2026-09-15 12:00:00', false],
      ['p1010', '2026-10-10 12:00:00', false],
      ['p1020', '2026-10-20 12:00:00', true],
      ['p1102', '2026-11-02 12:00:00', false],
      ['p1104', '2026-11-04 12:00:00', true],
      ['p1109a', '2026-11-09 10:00:00', false],
      ['p1109b', '2026-11-09 12:00:00', true],
      ['p1110', '2026-11-10 12:00:00', true],
      ['p1111', '2026-11-11 12:00:00', true],
    ];
    for (const [run, time] of history) {
      writeFileSync(join(tiny, 'point'), run);
      // Two parts per point, a few seconds apart, as a run of ours stores them.
      for (const [kind, second] of [
        ['volume', '00'],
        ['appliance', '07'],
      ]) {
        hostRestic(parts, [
          'backup',
          '--host',
          RESTIC_HOST,
          '--time',
          time.replace(/:00$/, `:${second}`),
          '--tag',
          `run=${run},service=files,kind=${kind}`,
          tiny,
        ]);
      }
    }
    assert.equal((await parts.restic.snapshots(local)).length, history.length * 2);

    parts.schedule = { ...DEFAULT_SCHEDULE, retention: { daily: 3, weekly: 2, monthly: 2 } };
    const stages: JobProgress[] = [];
    const outcome = await run(parts, 'backupForget', stages);
    assert.equal(outcome.kind, 'done');
    assert.deepEqual(
      stages.map((s) => s.stage),
      ['backupUnlock', 'backupForget'],
    );

    const left = await parts.restic.snapshots(local);
    const kept = history.filter(([, , keep]) => keep).map(([run]) => run);
    assert.deepEqual([...new Set(left.map((s) => runTag(s.tags)))].sort(), kept.sort());
    assert.equal(left.length, kept.length * 2, 'both parts of every kept point are kept');
    // Forgotten data is pruned, and what is left reads back whole.
    hostRestic(parts, ['check', '--read-data']);

    // The same policy again forgets nothing more.
    await run(parts, 'backupForget');
    assert.equal((await parts.restic.snapshots(local)).length, kept.length * 2);
  });

  it('checks a slice of the data and records the result for the overview', async () => {
    const parts = p!;
    const outcome = await run(parts, 'backupCheck');
    assert.equal(outcome.kind, 'done');
    const subset = outcome.kind === 'done' ? String(outcome.params?.subset) : '';
    assert.match(subset, /^\d+\/30$/);
    const last = await new BackupSettingsRepository(parts.dataSource).lastCheck();
    assert.equal(last?.subset, subset);
    assert.equal(last?.error, null);
  });

  it('clears the lock a killed restic left, then the next backup and check succeed', async () => {
    const parts = p!;
    const image = testImageOverrides()[TOOL_IMAGES.restic];
    // A restic backup in its own container, killed while it holds its lock: as a manager killed mid-run leaves it.
    const name = `tl-${applianceId}-killed-restic`;
    // prettier-ignore
    docker(
      'run', '-d', '-i', '--name', name, '--network', 'none',
      '--label', `${LABELS.managedBy}=${MANAGED_BY}`, '--label', `${LABELS.applianceId}=${applianceId}`,
      '--label', `${LABELS.tool}=restic`,
      '-v', `${parts.dataDir}:/data`,
      image, '--no-cache', '-r', '/data/backups/repository', '--password-file', `/data/${passwordPath(parts)}`,
      'backup', '--stdin', '--stdin-filename', 'hung.dump',
    );
    const lockDir = join(parts.files.backupRepositoryDir, 'locks');
    await eventually(() => readdirSync(lockDir).length === 1, 'the running restic takes its lock', {
      timeoutMs: 60_000,
    });
    docker('kill', name);
    docker('rm', '-f', name);
    assert.equal(readdirSync(lockDir).length, 1, 'the killed restic left its lock');
    // Without clearing it, an exclusive operation is refused.
    await assert.rejects(
      parts.restic.removeSnapshots(local, ['0000000000']),
      (e: unknown) => e instanceof ResticError && e.reason === 'locked',
    );

    // The check clears it first (no backup of ours runs), then runs.
    const stages: JobProgress[] = [];
    await run(parts, 'backupCheck', stages);
    assert.equal(stages[0].stage, 'backupUnlock');
    assert.deepEqual(readdirSync(lockDir), []);
    const summary = await parts.restic.backupStdin(local, 'after.dump', Readable.from([Buffer.from('after')]), [
      'run=after',
      'service=files',
      'kind=database',
    ]);
    assert.match(summary.snapshotId, /^[0-9a-f]{8,64}$/);
  });

  it('leaves a live lock alone while another backup operation of ours runs', async () => {
    const parts = p!;
    const stale = new BackupStaleLocks(parts.restic, parts.locks, parts.config);
    let release!: () => void;
    const holding = parts.locks.run('data', 'job:a-backup', () => new Promise<void>((r) => (release = r)));
    await eventually(() => parts.locks.holds('data', 'job:a-backup'), 'the other operation holds the data lock');
    assert.equal(await stale.clear(local, 'job:someone-else'), false);
    release();
    await holding;
  });
});

/** The password file's path relative to the data directory (mounted at /data in restic's container). */
function passwordPath(p: Parts): string {
  return p.files.backupPasswordFile.slice(p.dataDir.length + 1);
}

describe('a hung backup target times out instead of blocking every later backup', () => {
  let p: Parts | undefined;
  let rest: RestServer | undefined;
  let target: BackupTarget = local;

  before(async () => {
    await requireEngineAndImages();
    rest = await startRestServer('backup-rest');
    target = { kind: 'rest', url: rest.url };
    p = await parts('backup-hung', target, { BACKUP_TARGET_TIMEOUT_SEC: String(HUNG_TIMEOUT_SEC) });
    await p.restic.ensureRepository(target);
    await p.restic.backupStdin(target, 'first.dump', Readable.from([Buffer.from('first')]), [
      'run=first',
      'service=files',
      'kind=database',
    ]);
  });

  after(async () => {
    await rest?.dispose();
    await cleanupAppliance(applianceId);
    await dispose(p);
  });

  it('fails the check with backupTimeout when the REST server stops answering mid-run, then works again', async () => {
    const parts = p!;
    const stages: JobProgress[] = [];
    const started = Date.now();
    const check = run(parts, 'backupCheck', stages);
    // Mid-run: once the check itself is under way (stale locks already cleared), the server freezes.
    await eventually(() => stages.some((s) => s.stage === 'backupCheck'), 'the check starts');
    rest!.freeze();
    await assert.rejects(check, (err: unknown) => {
      assert.ok(err instanceof JobFailure, String(err));
      assert.equal(err.key, 'backupTimeout');
      assert.equal(err.params.seconds, HUNG_TIMEOUT_SEC);
      return true;
    });
    // Bounded by the watchdog, not by the frozen server (a generous margin for container start and stop).
    assert.ok(Date.now() - started < (HUNG_TIMEOUT_SEC + 60) * 1000, 'the job ended within the timeout');
    assert.deepEqual(await parts.restic.leftovers(), [], 'no restic container is left hanging');
    assert.deepEqual(parts.locks.snapshot().held, [], 'the data lock is free for the next backup');
    assert.deepEqual(
      parts.told.map((n) => [n.operation, n.key]),
      [['backupCheck', 'backupTimeout']],
      'one notice for the admin room',
    );

    rest!.resume();
    // The next run clears the lock the stopped check left and succeeds.
    const outcome = await run(parts, 'backupCheck');
    assert.equal(outcome.kind, 'done');
  });
});
