import { Injectable, Logger } from '@nestjs/common';
import { databasesFor } from '../catalog/catalog';
import type { Feature } from '../catalog/catalog.types';
import { isFeature } from '../catalog/catalog';
import { EngineExecutor, StepFailedError } from '../engine/engine.executor';
import { EngineRepository } from '../engine/engine.repository';
import { FeatureSettingRepository } from '../features/feature-setting.repository';
import { reconcileForJob } from '../features/operations.service';
import { HandlesJobs, JobFailure, type JobContext, type JobHandler, type JobOutcome } from '../jobs/job-handler';
import type { ProgressFn } from '../jobs/job-progress';
import { LockService } from '../locks/lock.service';
import { Clock } from '../platform/clock';
import { ApplianceContextService, type ApplianceSnapshot } from '../services/appliance-context.service';
import { ReconcilerService } from '../services/reconciler.service';
import { ServiceStepsService } from '../services/service-steps.service';
import { BackupTargetRepository } from './backup-target.repository';
import { tag } from './backup.types';
import { ResticRepository } from './restic.repository';
import type { BackupTarget, ResticPort } from './restic.types';
import { pgRestoreCommand, streamDump, TailBuffer } from './restore.database';
import {
  type DatabasePart,
  partsFor,
  planRestore,
  pointParts,
  RESTORE_RANGES,
  restoreProgress,
  restoreStepStage,
  restoredServices,
  type RestoreStep,
  startProgress,
  type VolumePart,
} from './restore.plan';

/** Job options of `backupRestore` as queued by RestoreRequestService. */
export function restoreOptions(options: JobContext['options']): {
  snapshot: string;
  features: Feature[];
  target: BackupTarget;
  /** Another place of this server's (backup-target.repository), read instead of `target`. */
  targetId?: string;
} {
  const snapshot = typeof options.snapshot === 'string' ? options.snapshot : '';
  const services = Array.isArray(options.services) ? (options.services as readonly string[]) : [];
  // Disaster recovery may read another disk's repository; otherwise the one backups write to.
  const repository = typeof options.repository === 'string' ? options.repository : undefined;
  const target: BackupTarget = repository ? { kind: 'directory', path: repository } : { kind: 'local' };
  const targetId = typeof options.targetId === 'string' ? options.targetId : undefined;
  return { snapshot, features: services.filter(isFeature), target, ...(targetId ? { targetId } : {}) };
}

/**
 * Restores features from a backup point (a run), under the `engine` lock (nothing else changes the
 * containers meanwhile) then the `data` lock (no backup reads the data meanwhile), in the backup's order.
 * The features' desired state becomes "stopped" (persisted); the data steps of restore.plan run (their
 * containers stopped and removed, databases dropped, created with their owner and loaded from
 * `restic dump` streamed into pg_restore, volumes emptied and restored); then the desired state becomes
 * "running" again and is reconciled: the containers are created afresh, started and health-checked.
 * The point is read from the local repository, or from another place of this server's (`targetId`).
 */
@Injectable()
@HandlesJobs('backupRestore')
export class RestoreRunner implements JobHandler {
  private readonly logger = new Logger('Restore');

  constructor(
    private readonly restic: ResticRepository,
    private readonly reconciler: ReconcilerService,
    private readonly context: ApplianceContextService,
    private readonly engine: EngineRepository,
    private readonly executor: EngineExecutor,
    private readonly serviceSteps: ServiceStepsService,
    private readonly features: FeatureSettingRepository,
    private readonly locks: LockService,
    private readonly clock: Clock,
    private readonly targets: BackupTargetRepository,
  ) {}

  run(job: JobContext): Promise<JobOutcome> {
    const holder = `job:${job.jobId}`;
    return this.locks.run('engine', holder, () => this.locks.run('data', holder, () => this.perform(job)));
  }

  private async perform(job: JobContext): Promise<JobOutcome> {
    const options = restoreOptions(job.options);
    const { snapshot, features } = options;
    const target = options.targetId ? await this.place(options.targetId) : options.target;
    const parts = pointParts(await this.restic.snapshots(target, [tag('run', snapshot)]));
    if (parts.databases.length + parts.volumes.length === 0 && !parts.appliance)
      throw new JobFailure('restorePointMissing', { snapshot });
    const absent = features.filter((f) => !parts.features.includes(f));
    if (features.length === 0 || absent.length > 0)
      throw new JobFailure('restoreNotInPoint', { snapshot, features: absent.join(',') });
    const chosen = partsFor(parts, features);
    this.logger.log(`Restoring ${features.join(', ')} from ${snapshot}`);

    // 1. Marked stopped until the data is back (persisted: a manager that restarts meanwhile does not
    // start them on half their data). The restore plan itself stops and removes them: reconciling the
    // stopped state would also stop the shared services when these are the only features.
    for (const feature of features)
      await this.set(feature, { enabled: true, desiredRunning: false, deleteData: false });
    const { progress } = job;
    let snap = await this.context.load();
    if (!snap) throw new JobFailure('setupIncomplete');
    const applianceId = snap.ctx.settings.applianceId;
    let actual = await this.engine.listManaged(applianceId);
    if (chosen.databases.length > 0 && !actual.some((c) => c.serviceId === 'postgres')) {
      // A new machine, or a lost database service: the shared services are put in place first.
      snap = await reconcileForJob(this.reconciler, {
        reason: `restore ${snapshot}: prepare`,
        progress,
        range: RESTORE_RANGES.prepare,
      });
      actual = await this.engine.listManaged(applianceId);
    }

    // 2. The data.
    const infra = await this.engine.listOwnedInfrastructure(applianceId);
    let steps: RestoreStep[];
    try {
      steps = planRestore({ applianceId, features, ...chosen, actual, existingVolumes: infra.volumes });
    } catch (err) {
      throw new JobFailure('restoreNoDatabase', {}, err instanceof Error ? err.message : String(err));
    }
    await this.execute(snap, target, steps, progress);

    // 3. Running again, healthy.
    for (const feature of features) await this.set(feature, { desiredRunning: true });
    await reconcileForJob(this.reconciler, {
      reason: `restore ${snapshot}: start`,
      progress: (p) => progress(startProgress(p)),
      range: RESTORE_RANGES.start,
      awaitHealthy: restoredServices(features),
    });
    return { kind: 'done', result: 'restored', params: { features: features.join(','), snapshot } };
  }

  /** An off-site place, as restic reaches it (its credential file); gone since the request: nothing to read. */
  private async place(id: string): Promise<BackupTarget> {
    const row = await this.targets.find(id);
    if (!row) throw new JobFailure('restoreTargetMissing');
    return this.targets.stored(row).target;
  }

  private set(feature: Feature, patch: Parameters<FeatureSettingRepository['set']>[1]): Promise<void> {
    return this.features.set(feature, patch, this.clock.now());
  }

  private async execute(
    snapshot: ApplianceSnapshot,
    target: BackupTarget,
    steps: readonly RestoreStep[],
    progress: ProgressFn,
  ): Promise<void> {
    const handlers = this.serviceSteps.handlers(snapshot);
    for (const [index, step] of steps.entries()) {
      const report = (within: number) => progress(restoreProgress(step, index, steps.length, within));
      report(0);
      try {
        if (step.kind === 'restoreVolume') await this.restoreVolume(target, step.part, report);
        else if (step.kind === 'restoreDatabase') await this.restoreDatabase(snapshot, target, step.part);
        else await this.executor.run([step], handlers);
      } catch (err) {
        const cause = err instanceof StepFailedError ? err.cause : err;
        const { stage, params } = restoreStepStage(step);
        throw new JobFailure(
          'stepFailed',
          { stage, ...params },
          cause instanceof Error ? cause.message : String(cause),
        );
      }
    }
  }

  private restoreVolume(target: BackupTarget, part: VolumePart, report: (within: number) => void): Promise<void> {
    return this.restic.restoreVolume(
      target,
      part.snapshotId,
      { name: part.volume },
      {
        onStatus: (status) => report(status.percentDone),
      },
    );
  }

  /** `restic dump` of the part streamed into pg_restore inside the Postgres container, never buffered whole. */
  private async restoreDatabase(snapshot: ApplianceSnapshot, target: BackupTarget, part: DatabasePart) {
    const spec = databasesFor(snapshot.ctx, [part.service]).find((d) => d.database === part.database);
    if (!spec) throw new Error(`${part.service} has no database named ${part.database} in this version`);
    const postgres = await this.serviceSteps.container(snapshot, 'postgres');
    if (postgres?.state !== 'running') throw new Error('the database container is not running');
    const stderr = new TailBuffer();
    const restic: ResticPort = this.restic;
    await streamDump(
      (output, signal) => restic.dump(target, part.snapshotId, part.filename, output, { signal }),
      (input) => this.engine.exec(postgres.id, pgRestoreCommand(spec.database, spec.role), { stdin: input, stderr }),
      stderr,
    );
  }
}
