import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppConfig } from '../config/app-config';
import { JobFailure, type JobContext } from '../jobs/job-handler';
import type { JobProgress } from '../jobs/job-progress';
import { LockService } from '../locks/lock.service';
import type { AdminNotice } from '../notices/admin-notice.messages';
import type { AdminNoticeService } from '../notices/admin-notice.service';
import { Clock } from '../platform/clock';
import { DEFAULT_SCHEDULE, type BackupSchedule, type RetentionPolicy } from './backup.types';
import { BackupMaintenanceHandler } from './backup-maintenance.handler';
import type { BackupScheduleService } from './backup-schedule.service';
import type { BackupSettingsRepository, CheckRecord } from './backup-settings.repository';
import { BackupStaleLocks } from './backup-stale-locks.service';
import type { BackupTargetRepository, StoredTarget } from './backup-target.repository';
import { ResticError, type BackupTarget, type ResticPort, type ResticRunOptions } from './restic.types';

class FixedClock extends Clock {
  override now(): Date {
    return new Date('2026-11-30T02:00:00.000Z');
  }
}

/** restic as the handler sees it: records calls in order; `forget`/`check` behave as told. */
function fakeRestic(behaviour: { check?: (options: ResticRunOptions) => Promise<void> } = {}) {
  const calls: string[] = [];
  const restic = {
    unlock: () => {
      calls.push('unlock');
      return Promise.resolve();
    },
    forget: (_t: BackupTarget, policy: RetentionPolicy, options?: ResticRunOptions) => {
      calls.push(`forget ${policy.daily}/${policy.weekly}/${policy.monthly} signal=${options?.signal ? 'yes' : 'no'}`);
      return Promise.resolve(['s1', 's2']);
    },
    check: (_t: BackupTarget, subset: string, options: ResticRunOptions = {}) => {
      calls.push(`check ${subset}`);
      return behaviour.check ? behaviour.check(options) : Promise.resolve();
    },
  } as unknown as ResticPort;
  return { restic, calls };
}

function setup(
  restic: ResticPort,
  schedule: BackupSchedule = DEFAULT_SCHEDULE,
  timeoutSec = 5,
  targets: StoredTarget[] = [],
) {
  const locks = new LockService(new FixedClock());
  const config = { backupTargetTimeoutSec: timeoutSec } as AppConfig;
  const checks: CheckRecord[] = [];
  const settings = {
    saveCheck: (check: CheckRecord) => {
      checks.push(check);
      return Promise.resolve();
    },
  } as unknown as BackupSettingsRepository;
  const scheduleService = { get: () => Promise.resolve(schedule), timeZone: 'UTC' } as BackupScheduleService;
  const told: AdminNotice[] = [];
  const notices = { tell: (notice: AdminNotice) => told.push(notice) } as unknown as AdminNoticeService;
  const handler = new BackupMaintenanceHandler(
    restic,
    { kind: 'local' },
    config,
    locks,
    new BackupStaleLocks(restic, locks, config),
    scheduleService,
    settings,
    new FixedClock(),
    notices,
    { enabled: () => Promise.resolve(targets) } as unknown as BackupTargetRepository,
  );
  return { handler, locks, checks, told };
}

function stored(label: string, target: BackupTarget, retention: RetentionPolicy | null): StoredTarget {
  return { row: { label } as StoredTarget['row'], target, retention };
}

function job(kind: 'backupForget' | 'backupCheck', stages: JobProgress[], locks?: LockService): JobContext {
  return {
    jobId: `${kind}-1`,
    kind,
    target: 'backups',
    options: {},
    progress: (p) => {
      // The data lock is held while anything reaches restic.
      if (locks) assert.ok(locks.holds('data', `job:${kind}-1`), `data lock held at ${p.stage}`);
      stages.push(p);
    },
  };
}

describe('BackupMaintenanceHandler', () => {
  it('forgets with the stored retention, after clearing stale locks, under the data lock', async () => {
    const { restic, calls } = fakeRestic();
    const schedule = { ...DEFAULT_SCHEDULE, retention: { daily: 3, weekly: 2, monthly: 1 } };
    const { handler, locks, told } = setup(restic, schedule);
    const stages: JobProgress[] = [];
    const outcome = await handler.run(job('backupForget', stages, locks));
    assert.deepEqual(calls, ['unlock', 'forget 3/2/1 signal=yes']);
    assert.deepEqual(
      stages.map((s) => s.stage),
      ['backupUnlock', 'backupForget'],
    );
    assert.deepEqual(outcome, { kind: 'done', result: 'backupForgotten', params: { kept: 2, keptAll: 0 } });
    assert.deepEqual(locks.snapshot().held, [], 'the data lock is released');
    assert.deepEqual(told, [], 'no notice for a success');
  });

  it('checks the slice of the day and records the result', async () => {
    const { restic, calls } = fakeRestic();
    const { handler, checks } = setup(restic);
    const stages: JobProgress[] = [];
    const outcome = await handler.run(job('backupCheck', stages));
    // 2026-11-30 in UTC; the slice number follows the scheduled days (see backup-calendar.spec).
    const subset = calls[1].slice('check '.length);
    assert.match(subset, /^\d+\/30$/);
    assert.deepEqual(outcome, { kind: 'done', result: 'backupChecked', params: { subset } });
    assert.deepEqual(stages.at(-1), { stage: 'backupCheck', params: { subset }, percent: 20 });
    assert.deepEqual(checks, [{ at: new FixedClock().now(), subset, jobId: 'backupCheck-1', error: null }]);
  });

  it('fails a check that finds a problem with backupCheckFailed, the detail kept, and records it', async () => {
    const { restic } = fakeRestic({
      check: () => Promise.reject(new ResticError('failed', 'Fatal: repository contains errors')),
    });
    const { handler, checks, told } = setup(restic);
    await assert.rejects(handler.run(job('backupCheck', [])), (err: unknown) => {
      assert.ok(err instanceof JobFailure);
      assert.equal(err.key, 'backupCheckFailed');
      assert.match(err.detail ?? '', /repository contains errors/);
      return true;
    });
    assert.equal(checks[0].error, 'backupCheckFailed');
    // One notice for the admin room, without the detail.
    assert.deepEqual(told, [
      { operation: 'backupCheck', key: 'backupCheckFailed', params: {}, at: new FixedClock().now() },
    ]);
  });

  it('fails a check whose target stops answering with backupTimeout, and frees the data lock', async () => {
    const { restic } = fakeRestic({
      check: (options) =>
        new Promise((_, reject) =>
          options.signal?.addEventListener('abort', () => reject(new ResticError('timeout', 'stopped'))),
        ),
    });
    const { handler, locks, checks } = setup(restic, DEFAULT_SCHEDULE, 0.05);
    await assert.rejects(
      handler.run(job('backupCheck', [])),
      (err: unknown) => err instanceof JobFailure && err.key === 'backupTimeout' && err.params.seconds === 0.05,
    );
    assert.equal(checks[0].error, 'backupTimeout');
    assert.deepEqual(locks.snapshot().held, []);
  });

  it('forgets on each other place with its own policy, never on one that keeps everything', async () => {
    const { restic, calls } = fakeRestic();
    const disk = stored('Disque', { kind: 'directory', path: '/mnt/disk' }, { daily: 1, weekly: 1, monthly: 1 });
    const coop = stored('Coop', { kind: 'rest', url: 'http://coop/' }, null);
    const { handler } = setup(restic, DEFAULT_SCHEDULE, 5, [disk, coop]);
    const stages: JobProgress[] = [];
    const outcome = await handler.run(job('backupForget', stages));
    assert.deepEqual(calls, ['unlock', 'forget 7/4/6 signal=yes', 'unlock', 'forget 1/1/1 signal=yes']);
    assert.deepEqual(stages.at(-1), { stage: 'backupForgetTarget', params: { target: 'Disque' }, percent: 60 });
    assert.deepEqual(outcome, { kind: 'done', result: 'backupForgotten', params: { kept: 2, keptAll: 1 } });
  });

  it('goes on with the other places when one fails, then fails naming it', async () => {
    const { restic, calls } = fakeRestic();
    const failing = {
      ...restic,
      check: (t: BackupTarget, subset: string) => {
        calls.push(`check ${t.kind} ${subset}`);
        return t.kind === 'rest'
          ? Promise.reject(new ResticError('unreachable', 'connection refused'))
          : Promise.resolve();
      },
    };
    const coop = stored('Coop', { kind: 'rest', url: 'http://coop/' }, null);
    const disk = stored('Disque', { kind: 'directory', path: '/mnt/disk' }, null);
    const { handler, checks } = setup(failing, DEFAULT_SCHEDULE, 5, [coop, disk]);
    await assert.rejects(handler.run(job('backupCheck', [])), (err: unknown) => {
      assert.ok(err instanceof JobFailure);
      assert.equal(err.key, 'backupTargetCheckFailed');
      assert.deepEqual(err.params, { targets: 'Coop', count: 1 });
      return true;
    });
    assert.deepEqual(
      calls.filter((c) => c.startsWith('check')).map((c) => c.split(' ').slice(0, 2).join(' ')),
      ['check local', 'check rest', 'check directory'],
    );
    assert.equal(checks[0].error, null, 'the local repository passed');
  });

  it('says so when there is no backup yet', async () => {
    const restic = {
      unlock: () => Promise.reject(new ResticError('noRepository', 'Fatal: unable to open config file')),
    } as unknown as ResticPort;
    const { handler, told } = setup(restic);
    await assert.rejects(
      handler.run(job('backupForget', [])),
      (err: unknown) => err instanceof JobFailure && err.key === 'backupNoRepository',
    );
    assert.deepEqual(told, [
      { operation: 'backupForget', key: 'backupNoRepository', params: {}, at: new FixedClock().now() },
    ]);
  });
});

describe('BackupStaleLocks', () => {
  it('clears restic locks only while no other backup operation of ours holds the data lock', async () => {
    const { restic, calls } = fakeRestic();
    const locks = new LockService(new FixedClock());
    const stale = new BackupStaleLocks(restic, locks, { backupTargetTimeoutSec: 5 } as AppConfig);
    assert.equal(await stale.clear({ kind: 'local' }, 'job:a'), true);
    let release!: () => void;
    const running = locks.run('data', 'job:backup', () => new Promise<void>((r) => (release = r)));
    await new Promise<void>((r) => setImmediate(r));
    assert.equal(await stale.clear({ kind: 'local' }, 'job:a'), false, 'a backup of ours runs: its lock is live');
    // The holder itself may clear (it runs nothing else meanwhile).
    assert.equal(await stale.clear({ kind: 'local' }, 'job:backup'), true);
    release();
    await running;
    assert.deepEqual(calls, ['unlock', 'unlock']);
  });
});
