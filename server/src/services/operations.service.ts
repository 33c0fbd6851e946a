import { HttpStatus, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CATALOG, databasesFor, isFeature, resolveImage } from '../catalog/catalog';
import type { Feature, ServiceId } from '../catalog/catalog.types';
import { volumeName } from '../catalog/naming';
import { POSTGRES_INIT_COMMAND } from '../catalog/postgres.catalog';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ApiException } from '../common/api-error';
import { Clock } from '../common/clock';
import { EngineRepository } from '../engine/engine.repository';
import { HandlesJobs, type JobContext, type JobHandler, type JobOutcome } from '../jobs/job-handler';
import type { JobProgress, JobStage, ProgressFn as StageProgressFn } from '../jobs/job-progress';
import type { JobKind } from '../jobs/job.types';
import { JobsService } from '../jobs/jobs.service';
import { InstallationRepository } from '../setup/installation.repository';
import { SetupService } from '../setup/setup.service';
import type { ApplianceSnapshot } from './appliance-context.service';
import { ComponentRepository } from './component.repository';
import { FeatureSettingRepository } from './feature-setting.repository';
import { ownServices } from './feature-services';
import { type ProgressFn, ReconcilerService } from './reconciler.service';

export const ACTIONS = ['start', 'stop', 'restart', 'update'] as const;
export type Action = (typeof ACTIONS)[number];

type Done = Extract<JobOutcome, { kind: 'done' }>;
const done = (result: string, params?: Done['params']): Done => ({ kind: 'done', result, params });

/** The reconciler's progress sentences as stage keys (until the planner reports keys itself). */
const STAGES: [RegExp, JobStage, string?][] = [
  [/^(?:download|pulled) (\S+)$/, 'download', 'image'],
  [/^create network /, 'createNetwork'],
  [/^create volume /, 'createVolume'],
  [/^create (\S+) \(/, 'create', 'service'],
  [/^start (\S+)$/, 'start', 'service'],
  [/^stop (\S+)$/, 'stop', 'service'],
  [/^remove container /, 'remove'],
  [/^replace (\S+) \(/, 'replace', 'service'],
  [/^restarting (\S+)$/, 'restart', 'service'],
  [/^configuring$/, 'proxy'],
  [/^waiting for health checks$/, 'health'],
  [/^deleting databases$/, 'dropDatabases'],
  [/^deleting data$/, 'removeVolume'],
  [/^rolling back$/, 'rollback'],
];

function stageProgress(report: StageProgressFn): ProgressFn {
  let last: Omit<JobProgress, 'percent'> = { stage: 'queued', params: {} };
  return (percent, text) => {
    for (const [pattern, stage, param] of STAGES) {
      const match = pattern.exec(text);
      if (match) last = { stage, params: param ? { [param]: match[1] } : {} };
    }
    // Anything else (a layer's download detail) stays under the stage it belongs to.
    report({ ...last, percent });
  };
}

/** Enable, disable, start, stop, restart and update a feature: queued as jobs, run one at a time. */
@Injectable()
@HandlesJobs('enable', 'disable', 'start', 'stop', 'restart', 'update', 'reconcile')
export class OperationsService implements OnApplicationBootstrap, JobHandler {
  private readonly logger = new Logger('Operations');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobsService,
    private readonly reconciler: ReconcilerService,
    private readonly engine: EngineRepository,
    private readonly features: FeatureSettingRepository,
    private readonly components: ComponentRepository,
    private readonly installation: InstallationRepository,
    private readonly clock: Clock,
    private readonly setup: SetupService,
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
  }

  async request(feature: string, kind: JobKind, options: Record<string, boolean> = {}): Promise<{ jobId: string }> {
    if (!isFeature(feature)) throw new ApiException(HttpStatus.NOT_FOUND, `Unknown service "${feature}".`);
    if (!(await this.installation.get())) throw new ApiException(HttpStatus.CONFLICT, 'Finish the setup first.');
    const job = await this.jobs.create(kind, feature, options);
    return { jobId: job.id };
  }

  /** Worker side: returns the result key for the job, or throws for the dashboard. */
  run(payload: JobContext): Promise<JobOutcome> {
    const feature = payload.target as Feature;
    const progress = stageProgress(payload.progress);
    return this.reconciler.exclusive(async (): Promise<JobOutcome> => {
      switch (payload.kind) {
        case 'enable':
          await this.features.set(feature, { enabled: true, desiredRunning: true }, this.clock.now());
          return this.bringUp(feature, progress, 'installed');
        case 'start':
          await this.features.set(feature, { desiredRunning: true }, this.clock.now());
          return this.bringUp(feature, progress, 'started');
        case 'stop':
          await this.features.set(feature, { desiredRunning: false }, this.clock.now());
          await this.reconciler.reconcileNow(`stop ${feature}`, progress);
          return done('stopped');
        case 'disable':
          return this.disable(feature, payload.options.deleteData === true, progress);
        case 'restart':
          return this.restart(feature, progress);
        case 'update':
          return this.update(feature, progress);
        case 'reconcile':
          await this.reconciler.reconcileNow('requested', progress);
          return done('reconciled');
        case 'selfUpdate':
          throw new Error('a self-update is not a feature operation');
        default: {
          const unknown: never = payload.kind;
          throw new Error(`unknown operation ${String(unknown)}`);
        }
      }
    }, `job:${payload.jobId}`);
  }

  private async bringUp(feature: Feature, progress: ProgressFn, result: string): Promise<Done> {
    const snapshot = await this.reconciler.reconcileNow(`${result} ${feature}`, progress);
    if (!snapshot) throw new Error('Setup is not complete.');
    progress(90, 'waiting for health checks');
    await this.reconciler.waitHealthy(snapshot, this.servicesOf(snapshot, feature));
    return done(result);
  }

  private servicesOf(snapshot: ApplianceSnapshot, feature: Feature): ServiceId[] {
    return ownServices(feature).filter((id) => snapshot.enabled.includes(id));
  }

  /** Containers go; volumes stay unless the admin confirmed deletion, then the data goes too. */
  private async disable(feature: Feature, deleteData: boolean, progress: ProgressFn): Promise<Done> {
    const before = await this.reconciler.reconcileNow('before disable');
    // Databases go first, while Postgres still runs: disabling the last feature removes Postgres too.
    if (deleteData && before) {
      progress(10, 'deleting databases');
      await this.dropDatabases(before, feature);
    }
    await this.features.set(feature, { enabled: false }, this.clock.now());
    await this.reconciler.reconcileNow(`disable ${feature}`, progress);
    if (!deleteData || !before) return done('disabledKept');
    progress(90, 'deleting data');
    const applianceId = before.ctx.settings.applianceId;
    for (const id of ownServices(feature)) {
      // The catalog's data volumes, and the small volumes that carried rendered files (see fileVolumes).
      const names = new Set(CATALOG[id].volumes.map((volume) => volumeName(applianceId, id, volume.key)));
      for (const volume of before.desired.find((d) => d.serviceId === id)?.volumes ?? []) names.add(volume.name);
      for (const name of names) await this.engine.removeVolume(name);
      await this.components.unpin(id);
    }
    return done('disabledDeleted');
  }

  private async dropDatabases(snapshot: ApplianceSnapshot, feature: Feature): Promise<void> {
    const specs = databasesFor(snapshot.ctx, ownServices(feature));
    const postgres = await this.reconciler.container(snapshot, 'postgres');
    if (specs.length === 0 || postgres?.state !== 'running') return;
    const sql = specs
      .map((s) => `DROP DATABASE IF EXISTS "${s.database}" WITH (FORCE);\nDROP ROLE IF EXISTS "${s.role}";`)
      .join('\n');
    const code = await this.engine.exec(postgres.id, POSTGRES_INIT_COMMAND, { stdin: sql });
    if (code !== 0) throw new Error(`deleting the ${feature} database failed (psql exit code ${code})`);
  }

  private async restart(feature: Feature, progress: ProgressFn): Promise<Done> {
    const snapshot = await this.reconciler.reconcileNow(`restart ${feature}`);
    if (!snapshot) throw new Error('Setup is not complete.');
    const services = this.servicesOf(snapshot, feature);
    for (const [index, id] of services.entries()) {
      progress((index / services.length) * 80, `restarting ${id}`);
      const container = await this.reconciler.container(snapshot, id);
      if (!container) continue;
      await this.engine.stop(container.id, CATALOG[id].stopTimeoutSec);
      await this.engine.start(container.id);
    }
    progress(90, 'waiting for health checks');
    await this.reconciler.waitHealthy(snapshot, services);
    return done('restarted');
  }

  /**
   * Moves the feature's services to the catalog's image (as overridden). The new image is pulled
   * before anything stops; if the new containers do not become healthy, the previous images are
   * pinned again and brought back, with the same volumes.
   */
  private async update(feature: Feature, progress: ProgressFn): Promise<Done> {
    const pins = await this.components.pins();
    const targets = ownServices(feature)
      .filter((id) => pins[id])
      .map((id) => ({ id, from: pins[id]!, to: resolveImage(CATALOG[id], this.config.imageOverrides) }))
      .filter((t) => t.to !== t.from.image);
    if (targets.length === 0) return done('upToDate');
    const missing: string[] = [];
    for (const target of targets) if (!(await this.engine.imageExists(target.to))) missing.push(target.to);
    await this.reconciler.assertRoomToDownload(missing);
    for (const target of targets) {
      if (missing.includes(target.to)) {
        await this.engine.pullImage(target.to, (percent, detail) => progress(percent * 0.4, detail));
      }
    }
    const now = this.clock.now();
    for (const t of targets) await this.components.pin(t.id, t.to, CATALOG[t.id].version, now);
    try {
      const snapshot = await this.reconciler.reconcileNow(`update ${feature}`, (p, d) => progress(40 + p / 2, d));
      await this.reconciler.waitHealthy(
        snapshot!,
        targets.map((t) => t.id),
        this.config.updateHealthTimeoutSec * 1000,
      );
      return done('updated', { images: targets.map((t) => t.to).join(', ') });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      progress(90, 'rolling back');
      for (const t of targets) await this.components.pin(t.id, t.from.image, t.from.version, this.clock.now());
      const snapshot = await this.reconciler.reconcileNow(`roll back ${feature}`);
      await this.reconciler.waitHealthy(
        snapshot!,
        targets.map((t) => t.id),
      );
      throw new Error(`Update failed (${reason}); rolled back to ${targets.map((t) => t.from.image).join(', ')}.`);
    }
  }
}
