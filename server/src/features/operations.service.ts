import { HttpStatus, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CATALOG, isFeature, resolveImage } from '../catalog/catalog';
import type { Feature, ServiceId } from '../catalog/catalog.types';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ApiException } from '../common/api-error';
import { Clock } from '../platform/clock';
import { StepFailedError } from '../engine/engine.executor';
import { stepStage } from '../engine/engine.step-progress';
import { HandlesJobs, JobFailure, type JobContext, type JobHandler, type JobOutcome } from '../jobs/job-handler';
import type { JobStageParams, ProgressFn } from '../jobs/job-progress';
import { JOB_KIND_GROUPS, type JobKind } from '../jobs/job.types';
import { JobsService } from '../jobs/jobs.service';
import { LockService } from '../locks/lock.service';
import { InstallationRepository } from '../setup/installation.repository';
import { SetupService } from '../setup/setup.service';
import type { ApplianceSnapshot } from '../services/appliance-context.service';
import { ComponentRepository } from '../services/component.repository';
import { FeatureSettingRepository } from './feature-setting.repository';
import { ownServices } from './feature-services';
import { ReconcilerService, type ReconcileOptions } from '../services/reconciler.service';
import { NotHealthyError } from '../services/service-steps.service';
import { NoRoomToDownloadError } from '../services/pull-guard';
import { ImageRefusedError } from '../images/image-trust.service';
import { MailService } from '../mail/mail.service';
import { reapplyTargets } from './mail-features';

type FeatureJobKind = (typeof JOB_KIND_GROUPS.features)[number];

export const ACTIONS = ['start', 'stop', 'restart', 'update'] as const;
export type Action = (typeof ACTIONS)[number];

const done = (result: string, params: JobStageParams): JobOutcome => ({ kind: 'done', result, params });

/** A failed plan as a key a person reads: which stage failed, or which services did not become healthy. */
export function toJobFailure(error: unknown): unknown {
  if (error instanceof NoRoomToDownloadError) {
    const { images, freeGiB, neededGiB } = error;
    return new JobFailure('noRoomToDownload', { images: images.join(','), freeGiB, neededGiB }, error.message);
  }
  if (error instanceof ImageRefusedError) return new JobFailure('imageRefused', {}, error.reasons.join('; '));
  if (!(error instanceof StepFailedError)) return error;
  if (error.cause instanceof NotHealthyError) {
    return new JobFailure('notHealthy', { services: error.cause.services.join(',') }, error.message);
  }
  const { stage, params } = stepStage(error.step);
  return new JobFailure('stepFailed', { stage, ...params }, error.message);
}

/** Plans and executes under the lock the job holds; failures become keys a person reads. */
export async function reconcileForJob(
  reconciler: ReconcilerService,
  options: ReconcileOptions,
): Promise<ApplianceSnapshot> {
  const snapshot = await reconciler.reconcileNow(options).catch((err: unknown) => {
    throw toJobFailure(err);
  });
  if (!snapshot) throw new JobFailure('setupIncomplete');
  return snapshot;
}

/**
 * Enable, disable, start, stop, restart and update a feature, and reconcile: each changes the desired
 * state (the feature's setting, its data-deletion or restart request, its pinned images), then plans
 * and executes under the engine lock. Queued as jobs, so the dashboard follows their progress.
 */
@Injectable()
@HandlesJobs(...JOB_KIND_GROUPS.features)
export class OperationsService implements OnApplicationBootstrap, JobHandler {
  private readonly logger = new Logger('Operations');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobsService,
    private readonly reconciler: ReconcilerService,
    private readonly features: FeatureSettingRepository,
    private readonly components: ComponentRepository,
    private readonly installation: InstallationRepository,
    private readonly clock: Clock,
    private readonly setup: SetupService,
    private readonly locks: LockService,
    private readonly mail: MailService,
  ) {}

  /** The wizard's choices are installed as jobs, so the dashboard shows their progress from the start. */
  onApplicationBootstrap(): void {
    this.setup.completed$.subscribe((features) => {
      for (const feature of features) {
        this.request(feature, 'enable').catch((err: unknown) =>
          this.logger.warn(`Could not queue the installation of ${feature}: ${String(err)}`),
        );
      }
    });
    this.mail.relayChanged$.subscribe(() => {
      this.reapplyMail().catch((err: unknown) =>
        this.logger.warn(`Could not re-apply the mail relay to the features: ${String(err)}`),
      );
    });
  }

  /**
   * Chat and files send mail through the dashboard's relay: after a change, each enabled one is
   * re-applied by a reconcile job (its containers are recreated with the new settings), which the
   * dashboard follows like any other. A feature busy with another operation is reconciled after it.
   */
  async reapplyMail(): Promise<string[]> {
    const rows = await this.installation.features();
    const jobIds: string[] = [];
    for (const feature of reapplyTargets(rows)) {
      try {
        jobIds.push((await this.jobs.create('reconcile', feature)).id);
      } catch (err) {
        if (!(err instanceof ApiException) || (err.getStatus() as HttpStatus) !== HttpStatus.CONFLICT) throw err;
        this.reconciler.request(`mail settings changed (${feature} busy)`);
      }
    }
    return jobIds;
  }

  async request(feature: string, kind: JobKind, options: Record<string, boolean> = {}): Promise<{ jobId: string }> {
    if (!isFeature(feature)) throw new ApiException(HttpStatus.NOT_FOUND, `Unknown feature "${feature}".`);
    if (!(await this.installation.get())) throw new ApiException(HttpStatus.CONFLICT, 'Finish the setup first.');
    const job = await this.jobs.create(kind, feature, options);
    return { jobId: job.id };
  }

  /** Under the engine lock, taken here unless the caller already holds it for this job. */
  run(job: JobContext): Promise<JobOutcome> {
    const holder = `job:${job.jobId}`;
    if (this.locks.holds('engine', holder)) return this.perform(job);
    return this.locks.run('engine', holder, () => this.perform(job));
  }

  private async perform(job: JobContext): Promise<JobOutcome> {
    const feature = job.target as Feature;
    const params = { feature };
    const own = ownServices(feature);
    const kind = job.kind as FeatureJobKind;
    switch (kind) {
      case 'enable':
        await this.finishDeletion(feature, job.progress);
        await this.set(feature, { enabled: true, desiredRunning: true, deleteData: false });
        await this.apply({ reason: `enable ${feature}`, progress: job.progress, awaitHealthy: own });
        return done('installed', params);
      case 'start':
        await this.set(feature, { desiredRunning: true });
        await this.apply({ reason: `start ${feature}`, progress: job.progress, awaitHealthy: own });
        return done('started', params);
      case 'stop':
        await this.set(feature, { desiredRunning: false });
        await this.apply({ reason: `stop ${feature}`, progress: job.progress });
        return done('stopped', params);
      case 'disable': {
        // The deletion is persisted with the choice: a manager that dies half way finishes it on its next reconcile.
        const deleteData = job.options.deleteData === true;
        await this.set(feature, { enabled: false, deleteData });
        await this.apply({ reason: `disable ${feature}`, progress: job.progress });
        return done(deleteData ? 'disabledDeleted' : 'disabledKept', params);
      }
      case 'restart':
        await this.set(feature, { restartRequestedAt: this.clock.now() });
        await this.apply({ reason: `restart ${feature}`, progress: job.progress, awaitHealthy: own });
        return done('restarted', params);
      case 'update':
        return this.update(feature, job.progress);
      case 'reconcile':
        await this.apply({ reason: 'requested', progress: job.progress });
        return done('reconciled', {});
      default: {
        const unknown: never = kind;
        throw new Error(`unknown operation ${String(unknown)}`);
      }
    }
  }

  private set(feature: Feature, patch: Parameters<FeatureSettingRepository['set']>[1]): Promise<void> {
    return this.features.set(feature, patch, this.clock.now());
  }

  private apply(options: ReconcileOptions): Promise<ApplianceSnapshot> {
    return reconcileForJob(this.reconciler, options);
  }

  /** Enabling a feature whose data deletion did not finish: the admins asked for it, so it ends first. */
  private async finishDeletion(feature: Feature, progress: ProgressFn): Promise<void> {
    const setting = await this.features.get(feature);
    if (setting && !setting.enabled && setting.deleteData) {
      await this.apply({ reason: `finish deleting ${feature}`, progress });
    }
  }

  /**
   * Moves the feature's services to the catalog's image (as overridden): pin, then plan, which pulls
   * before anything stops and replaces the containers. If they do not become healthy, the previous
   * images are pinned again and the plan brings them back (still present: nothing to download).
   */
  private async update(feature: Feature, progress: ProgressFn): Promise<JobOutcome> {
    const pins = await this.components.pins();
    const targets = ownServices(feature).flatMap((id) => {
      const from = pins[id];
      const to = resolveImage(CATALOG[id], this.config.imageOverrides);
      return from && to !== from.image ? [{ id, from, to }] : [];
    });
    if (targets.length === 0) return done('upToDate', { feature });
    const ids: ServiceId[] = targets.map((t) => t.id);
    for (const t of targets) await this.components.pin(t.id, t.to, CATALOG[t.id].version, this.clock.now());
    let reached = 0;
    const tracked: ProgressFn = (p) => {
      reached = p.percent;
      progress(p);
    };
    const healthTimeoutMs = this.config.updateHealthTimeoutSec * 1000;
    try {
      await this.reconciler.reconcileNow({
        reason: `update ${feature}`,
        progress: tracked,
        awaitHealthy: ids,
        healthTimeoutMs,
      });
      return done('updated', { feature, images: targets.map((t) => t.to).join(',') });
    } catch (err) {
      for (const t of targets) await this.components.pin(t.id, t.from.image, t.from.version, this.clock.now());
      // Before any container was touched (a failed download, a refused image): nothing to bring back.
      if (!(err instanceof StepFailedError) || err.step.kind === 'pull') throw toJobFailure(err);
      const images = targets.map((t) => t.from.image).join(',');
      progress({ stage: 'rollback', params: { images }, percent: reached });
      await this.apply({
        reason: `roll back ${feature}`,
        progress,
        range: { from: reached, to: 100 },
        awaitHealthy: ids,
      });
      throw new JobFailure('updateRolledBack', { images }, `${err.message}; rolled back to ${images}`);
    }
  }
}
