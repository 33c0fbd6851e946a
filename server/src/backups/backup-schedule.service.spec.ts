import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Subject } from 'rxjs';
import type { JobTriggers, TriggerRepeat } from '../jobs/job-triggers';
import type { JobKind, JobSnapshot, JobState } from '../jobs/job.types';
import type { JobsService } from '../jobs/jobs.service';
import { ApiException } from '../common/api-error';
import { Clock } from '../platform/clock';
import { DEFAULT_SCHEDULE, type BackupSchedule } from './backup.types';
import type { BackupMaintenanceService } from './backup-maintenance.service';
import { BACKUP_TRIGGER, BackupScheduleService } from './backup-schedule.service';
import type { BackupSettingsRepository } from './backup-settings.repository';

class FixedClock extends Clock {
  override now(): Date {
    return new Date('2026-11-30T01:00:00.000Z');
  }
}

/** Lets promise chains move on (no timers). */
const settle = () => new Promise<void>((r) => setImmediate(r));

function setup(stored: BackupSchedule | undefined, busy = false, installed = true) {
  let saved = stored;
  const queued: JobKind[] = [];
  const streams = new Map<string, Subject<JobSnapshot>>();
  const synced: Array<TriggerRepeat | null> = [];
  let fire: (() => Promise<void>) | undefined;
  const snapshotOf = (id: string, kind: JobKind, state: JobState) => ({ id, kind, state }) as JobSnapshot;
  const create = (kind: JobKind) => {
    if (busy) return Promise.reject(new ApiException(409, 'An operation on backups is already under way'));
    queued.push(kind);
    const id = `${kind}-${queued.length}`;
    streams.set(id, new Subject());
    return Promise.resolve(snapshotOf(id, kind, 'queued'));
  };
  const jobs = {
    create,
    follow: (id: string) => Promise.resolve(streams.get(id)!.asObservable()),
  } as unknown as JobsService;
  const maintenance = {
    queueForget: () => create('backupForget').then((j) => ({ jobId: j.id })),
    queueCheck: () => create('backupCheck').then((j) => ({ jobId: j.id })),
  } as unknown as BackupMaintenanceService;
  const settings = {
    schedule: () => Promise.resolve(saved),
    saveSchedule: (s: BackupSchedule) => {
      saved = s;
      return Promise.resolve();
    },
  } as unknown as BackupSettingsRepository;
  const triggers = {
    on: (name: string, f: () => Promise<void>) => {
      assert.equal(name, BACKUP_TRIGGER);
      fire = f;
    },
    sync: (_name: string, repeat: TriggerRepeat | null) => {
      synced.push(repeat);
      return Promise.resolve();
    },
  } as unknown as JobTriggers;
  const installation = { get: () => Promise.resolve(installed ? ({ applianceId: 'a' } as never) : null) };
  const service = new BackupScheduleService(settings, triggers, jobs, maintenance, new FixedClock(), installation);
  /** Ends a queued job: its stream says the final state and completes, as JobsService.follow does. */
  const end = (id: string, state: JobState) => {
    const stream = streams.get(id)!;
    stream.next(snapshotOf(id, 'backup', state));
    stream.complete();
  };
  return { service, queued, synced, fire: () => fire!(), end };
}

describe('BackupScheduleService', () => {
  it('answers the defaults until a schedule is saved, and keeps the repeat in step with what is saved', async () => {
    const { service, synced } = setup(undefined);
    assert.deepEqual(await service.get(), DEFAULT_SCHEDULE);
    await service.onApplicationBootstrap();
    await service.set({ ...DEFAULT_SCHEDULE, time: '04:30', days: ['thu', 'mon', 'thu'] });
    await service.set({ ...DEFAULT_SCHEDULE, enabled: false });
    assert.deepEqual(synced, [
      { cron: '0 3 * * *', tz: service.timeZone },
      { cron: '30 4 * * 1,4', tz: service.timeZone },
      null,
    ]);
  });

  it('gives the next run for the overview, null when turned off', async () => {
    const daily = setup({ ...DEFAULT_SCHEDULE, time: '03:00' });
    const next = await daily.service.nextRunAt();
    assert.ok(next && Date.parse(next) > Date.parse('2026-11-30T01:00:00.000Z'), `next run ${next}`);
    assert.equal(await setup({ ...DEFAULT_SCHEDULE, enabled: false }).service.nextRunAt(), null);
  });

  it('fires a backup, then the retention after a success, then a check once the retention ended', async () => {
    const { queued, fire, end } = setup(DEFAULT_SCHEDULE);
    await fire();
    assert.deepEqual(queued, ['backup']);
    end('backup-1', 'succeeded');
    await settle();
    assert.deepEqual(queued, ['backup', 'backupForget']);
    end('backupForget-2', 'failed');
    await settle();
    assert.deepEqual(queued, ['backup', 'backupForget', 'backupCheck']);
  });

  it('forgets nothing after a failed backup', async () => {
    const { queued, fire, end } = setup(DEFAULT_SCHEDULE);
    await fire();
    end('backup-1', 'failed');
    await settle();
    assert.deepEqual(queued, ['backup']);
  });

  it('does nothing when turned off or before the setup, and skips a night when another backup operation is under way', async () => {
    const off = setup({ ...DEFAULT_SCHEDULE, enabled: false });
    await off.fire();
    assert.deepEqual(off.queued, []);
    const fresh = setup(DEFAULT_SCHEDULE, false, false);
    await fresh.fire(); // nothing to back up before the setup is finished
    assert.deepEqual(fresh.queued, []);
    const busy = setup(DEFAULT_SCHEDULE, true);
    await busy.fire(); // no throw: the refusal is logged
    assert.deepEqual(busy.queued, []);
  });
});
