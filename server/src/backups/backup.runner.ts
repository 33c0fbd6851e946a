import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { postgresDumpCommand } from '../catalog/postgres.catalog';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { EngineRepository } from '../engine/engine.repository';
import { HandlesJobs, JobFailure, type JobContext, type JobHandler, type JobOutcome } from '../jobs/job-handler';
import { planPercent, type JobStage } from '../jobs/job-progress';
import { LockService } from '../locks/lock.service';
import { Clock } from '../platform/clock';
import { DataDirRepository } from '../platform/data-dir.repository';
import { AdminNoticeService } from '../notices/admin-notice.service';
import { ApplianceContextService } from '../services/appliance-context.service';
import { backupFailure, partParams } from './backup-failure';
import { copyProgress } from './backup-copy.progress';
import { BackupOffsite } from './backup-offsite.service';
import type { StoredTarget } from './backup-target.repository';
import { BACKUP_HINTS, dumpFilename, partTags, planBackup } from './backup-plan';
import { BackupRunRepository } from './backup-run.repository';
import { tag, type BackupPart } from './backup.types';
import { BACKUP_SCOPES, type BackupScope } from './dto/backup.dto';
import { ResticRepository } from './restic.repository';
import { watched } from './restic-watchdog';
import { ResticError, type BackupTarget, type ResticRunOptions } from './restic.types';

/** The status of one of two calls that make up a part, as that part's first or second half. */
function half(options: ResticRunOptions, which: 0 | 1): ResticRunOptions {
  const onStatus = options.onStatus;
  return {
    ...options,
    onStatus: onStatus && ((status) => onStatus({ ...status, percentDone: (which + status.percentDone) / 2 })),
  };
}

/** The default target; other targets come with their configuration. */
export const LOCAL_TARGET: BackupTarget = { kind: 'local' };
const STAGE: Record<BackupPart['kind'], JobStage> = {
  database: 'backupDatabase',
  volume: 'backupVolume',
  appliance: 'backupAppliance',
};
const DETAIL_LIMIT = 4000;

/** Keeps the end of a stream's text (pg_dump's error messages), bounded. */
function tail(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text = (text + chunk.toString('utf8')).slice(-DETAIL_LIMIT);
      done();
    },
  });
  return { stream, text: () => text.trim() };
}

/**
 * One backup run (the `backup` job): under the engine lock (no service changes meanwhile) and the data
 * lock (one backup, restore or check at a time), each part of the plan becomes one restic snapshot
 * tagged with the run. A run that fails removes every snapshot it made: no point claims a success.
 * Then the run is copied to each enabled off-site target (BackupOffsite), under the data lock only.
 */
@Injectable()
@HandlesJobs('backup')
export class BackupRunner implements JobHandler {
  private readonly logger = new Logger('Backups');

  constructor(
    private readonly restic: ResticRepository,
    private readonly offsite: BackupOffsite,
    private readonly runs: BackupRunRepository,
    private readonly context: ApplianceContextService,
    private readonly engine: EngineRepository,
    private readonly files: DataDirRepository,
    private readonly locks: LockService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notices: AdminNoticeService,
  ) {}

  async run(job: JobContext): Promise<JobOutcome> {
    const targets = await this.offsite.enabled();
    const local = await this.locks.run('engine', `job:${job.jobId}`, () =>
      this.locks.run('data', `backup:${job.jobId}`, () => this.backUp(job, targets.length)),
    );
    // The engine lock is let go for the copies: services may change while a slow line uploads.
    const failures = await this.locks.run('data', `backup:${job.jobId}`, () => this.copyOffsite(job, local, targets));
    if (failures.length > 0) {
      // The local point is kept (the run stays a success); the run and the job say which places failed.
      const failure = new JobFailure(
        'backupTargetFailed',
        { targets: failures.map((f) => f.label).join(', '), count: failures.length },
        failures.map((f) => `${f.label}: ${f.failure.message}`).join('\n'),
      );
      await this.runs.noteError(local.runId, {
        key: failure.key,
        params: failure.params,
        detail: failure.detail ?? null,
      });
      throw failure;
    }
    job.progress({ stage: 'done', params: {}, percent: 100 });
    return { kind: 'done', result: 'backupDone', params: { parts: local.parts, targets: targets.length } };
  }

  /** The run copied to each place in turn, after the local steps (so the bar only goes forward). */
  private copyOffsite(job: JobContext, local: { runId: string; steps: number }, targets: StoredTarget[]) {
    return this.offsite
      .copyRun(local.runId, LOCAL_TARGET, targets, (place, target, done, total) =>
        job.progress(
          copyProgress({
            localSteps: local.steps,
            place,
            places: targets.length,
            label: target.row.label,
            done,
            total,
          }),
        ),
      )
      .catch((error: unknown) =>
        // Not one place's failure (the local listing): every place missed this run.
        targets.map((t) => ({ label: t.row.label, failure: backupFailure(error, undefined) })),
      );
  }

  /** The local half: every part into the local repository; the run's id and how many steps it took. */
  private async backUp(job: JobContext, copies: number): Promise<{ runId: string; parts: number; steps: number }> {
    const asked = job.options.services;
    const scopes = (Array.isArray(asked) && asked.length > 0 ? asked : BACKUP_SCOPES) as readonly BackupScope[];
    const runId = randomUUID();
    await this.runs.start(runId, job.jobId, scopes, this.clock.now());
    let current: BackupPart | undefined;
    let sizeBytes = 0;
    try {
      job.progress({ stage: 'backupPrepare', params: {}, percent: 0 });
      const snapshot = await this.context.load();
      if (!snapshot) throw new JobFailure('setupIncomplete');
      const parts = planBackup(snapshot.ctx, snapshot.enabled, scopes);
      const { volumes } = await this.engine.listOwnedInfrastructure(snapshot.ctx.settings.applianceId);
      await this.restic.ensureRepository(LOCAL_TARGET);
      for (const [index, part] of parts.entries()) {
        current = part;
        // A service enabled but never started has no volume yet: mounting it would create an unowned one.
        if (part.kind === 'volume' && !volumes.has(part.volume)) continue;
        const report = (within: number) =>
          job.progress({
            stage: STAGE[part.kind],
            params: partParams(part),
            percent: planPercent(index + 1, parts.length + 1 + copies, within),
          });
        report(0);
        // A target that stops answering fails the run after BACKUP_TARGET_TIMEOUT_SEC without progress.
        sizeBytes += await watched(
          this.config.backupTargetTimeoutSec,
          (options) => this.backUpPart(runId, part, snapshot.ctx.settings.applianceId, options),
          (status) => report(status.percentDone),
        );
      }
      current = undefined;
      await this.runs.succeed(runId, this.clock.now(), sizeBytes);
      return { runId, parts: parts.length, steps: parts.length + 1 };
    } catch (error) {
      const failure = backupFailure(error, current);
      await this.removeRun(runId);
      await this.runs.fail(
        runId,
        { key: failure.key, params: failure.params, detail: failure.detail ?? null },
        this.clock.now(),
      );
      // Told in the admin room in the background: never delays nor changes the run's outcome.
      this.notices.tell({ operation: 'backup', key: failure.key, params: failure.params, at: this.clock.now() });
      throw failure;
    }
  }

  /** One part into one snapshot; resolves with the bytes restic read for it. */
  private async backUpPart(runId: string, part: BackupPart, applianceId: string, options: ResticRunOptions) {
    const tags = partTags(runId, part);
    switch (part.kind) {
      case 'database':
        return this.dumpDatabase(part, applianceId, tags, options);
      case 'volume': {
        const volume = { name: part.volume, exclude: BACKUP_HINTS[part.service]?.excludePaths };
        return (await this.restic.backupVolume(LOCAL_TARGET, volume, tags, options)).totalBytesProcessed;
      }
      case 'appliance': {
        // SQLite's online backup: a consistent copy while the manager keeps writing.
        await this.files.backupDatabase(join(this.files.backupStagingDir, 'appliance.sqlite'));
        // Two restic calls for one part: each reports its own 0..1, shown as its half so the bar never goes back.
        const staging = await this.restic.backupDataPath(LOCAL_TARGET, 'backups/staging', tags, half(options, 0));
        const secrets = await this.restic.backupDataPath(LOCAL_TARGET, 'secrets', tags, half(options, 1));
        return staging.totalBytesProcessed + secrets.totalBytesProcessed;
      }
    }
  }

  /**
   * pg_dump in the Postgres container, its stdout streamed (with backpressure, never whole in memory)
   * into `restic backup --stdin`. A non-zero exit fails the run even though restic stored what came.
   */
  private async dumpDatabase(
    { service, database }: Extract<BackupPart, { kind: 'database' }>,
    applianceId: string,
    tags: string[],
    options: ResticRunOptions,
  ) {
    const postgres = (await this.engine.listManaged(applianceId)).find(
      (c) => c.serviceId === 'postgres' && c.state === 'running',
    );
    if (!postgres) throw new JobFailure('backupDumpFailed', { database }, 'the database container is not running');
    const pipe = new PassThrough();
    const errors = tail();
    const dumped = this.engine
      .exec(postgres.id, postgresDumpCommand(database, BACKUP_HINTS[service]?.excludeTableData), {
        stdout: pipe,
        stderr: errors.stream,
      })
      .finally(() => pipe.end());
    const stored = this.restic
      .backupStdin(LOCAL_TARGET, dumpFilename(database), pipe, tags, options)
      .catch((error: unknown) => {
        // restic is gone: let pg_dump finish into nowhere rather than block on a full pipe.
        pipe.unpipe();
        pipe.resume();
        throw error;
      });
    const [code, summary] = await Promise.allSettled([dumped, stored]);
    if (code.status === 'rejected' || code.value !== 0) {
      const why = code.status === 'rejected' ? String(code.reason) : `pg_dump exit code ${code.value}`;
      throw new JobFailure('backupDumpFailed', { database }, [errors.text(), why].filter(Boolean).join('\n'));
    }
    if (summary.status === 'rejected') throw summary.reason;
    return summary.value.totalBytesProcessed;
  }

  /**
   * Every snapshot of the run, removed. A part stopped half way (a timeout) leaves its restic lock: no
   * restic of ours runs now (we hold the data lock, and a stopped run's container is removed), so the
   * lock is stale and cleared before trying again. A failure here is logged: the run is failed anyway.
   */
  async removeRun(runId: string): Promise<void> {
    const remove = async () => {
      const snapshots = await this.restic.snapshots(LOCAL_TARGET, [tag('run', runId)]);
      await this.restic.removeSnapshots(
        LOCAL_TARGET,
        snapshots.map((s) => s.id),
      );
    };
    try {
      try {
        await remove();
      } catch (error) {
        if (!(error instanceof ResticError) || error.reason !== 'locked') throw error;
        await this.restic.unlock(LOCAL_TARGET);
        await remove();
      }
    } catch (error) {
      if (error instanceof ResticError && error.reason === 'noRepository') return;
      this.logger.warn(`could not remove the snapshots of failed run ${runId}: ${String(error)}`);
    }
  }
}
