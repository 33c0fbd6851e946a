import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CATALOG, resolveImage } from '../catalog/catalog';
import type { ServiceId } from '../catalog/catalog.types';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Clock } from '../platform/clock';
import { ReconcileStats } from '../system/reconcile-stats';
import { EngineExecutor, StepFailedError, type StepListener } from '../engine/engine.executor';
import { planSteps } from '../engine/engine.planner';
import { EngineRepository } from '../engine/engine.repository';
import { stepProgress, type PlanRange } from '../engine/engine.step-progress';
import type { Step } from '../engine/engine.types';
import { ImageTrustService } from '../images/image-trust.service';
import type { ProgressFn } from '../jobs/job-progress';
import { LockService } from '../locks/lock.service';
import { HostRepository } from '../system/host.repository';
import { ApplianceContextService, type ApplianceSnapshot } from './appliance-context.service';
import { ComponentRepository } from './component.repository';
import { FeatureSettingRepository } from '../features/feature-setting.repository';
import { ownServices } from '../features/feature-services';
import { PullGuard } from './pull-guard';
import { ServiceStepsService } from './service-steps.service';

/** Steps a reconcile plans every time to verify things; a plan of only these changes nothing. */
const VERIFY_ONLY = new Set<Step['kind']>(['loadProxy']);

export interface ReconcileOptions {
  /** For the log. */
  reason: string;
  progress?: ProgressFn;
  /** Where this plan's percentages land within the job's. */
  range?: PlanRange;
  /** Periodic and event-driven runs back off after failed downloads; an admin's action always tries. */
  background?: boolean;
  /** The operation's own services, waited for healthy at the end of the plan. */
  awaitHealthy?: readonly ServiceId[];
  healthTimeoutMs?: number;
}

/**
 * Brings the engine to the desired state: plan (pure) from the database's desired state, the
 * engine's actual state and the persisted requests (data deletions, restarts), then execute, with the
 * work that needs running services (databases, proxy routes, the Matrix admin) as steps of the plan.
 * Under the `engine` lock; runs at boot, after each change, periodically, and when a container dies.
 */
@Injectable()
export class ReconcilerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Reconciler');
  private timer: NodeJS.Timeout | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private events: { close(): void } | undefined;
  private closed = false;
  private readonly pulls = new PullGuard();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly context: ApplianceContextService,
    private readonly engine: EngineRepository,
    private readonly executor: EngineExecutor,
    private readonly components: ComponentRepository,
    private readonly features: FeatureSettingRepository,
    private readonly steps: ServiceStepsService,
    private readonly clock: Clock,
    private readonly host: HostRepository,
    private readonly trust: ImageTrustService,
    private readonly locks: LockService,
    private readonly stats: ReconcileStats,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.request('periodic check'), this.config.reconcileIntervalSec * 1000);
    this.events = this.engine.events({
      onEvent: (event) => {
        if (event.kind === 'die') this.request(`${event.name ?? event.containerId} stopped`);
      },
      onStatus: (status) => {
        if (status === 'connected') this.request('engine connected');
      },
    });
    this.request('boot');
  }

  onApplicationShutdown(): void {
    this.closed = true;
    clearInterval(this.timer);
    clearTimeout(this.debounce);
    this.events?.close();
  }

  /** Coalesces bursts of triggers (several containers dying at once) into one run. */
  request(reason: string): void {
    if (this.closed) return;
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.reconcile({ reason, background: true }).catch((err: unknown) =>
        this.logger.warn(`Reconcile (${reason}) failed: ${err instanceof Error ? err.message : String(err)}`),
      );
    }, 500);
  }

  /** Takes the engine lock; jobs hold it themselves and call reconcileNow. */
  reconcile(options: ReconcileOptions): Promise<ApplianceSnapshot | null> {
    return this.locks.run('engine', 'reconcile', () => this.reconcileNow(options));
  }

  /** For callers that hold the engine lock. Null before setup is complete. Each run is counted (status API). */
  async reconcileNow(options: ReconcileOptions): Promise<ApplianceSnapshot | null> {
    try {
      const snapshot = await this.run(options);
      this.stats.record({ reason: options.reason, outcome: 'completed', at: this.clock.now() });
      return snapshot;
    } catch (err) {
      this.stats.record({ reason: options.reason, outcome: 'failed', at: this.clock.now() });
      throw err;
    }
  }

  private async run(options: ReconcileOptions): Promise<ApplianceSnapshot | null> {
    let snapshot = await this.context.load();
    if (!snapshot) return null;
    if (await this.pinNewComponents(snapshot)) snapshot = (await this.context.load())!;
    const steps = await this.plan(snapshot, options);
    if (steps.some((step) => !VERIFY_ONLY.has(step.kind))) {
      this.logger.log(`Reconciling (${options.reason}): ${steps.length} step(s)`);
    }
    this.pulls.check(
      steps,
      (await this.host.disk()).freeBytes,
      this.clock.now().getTime(),
      options.background === true,
    );
    // Downloads come first in every plan; nothing is created before the images they brought are checked.
    const pulls = steps.filter((step) => step.kind === 'pull');
    const rest = steps.filter((step) => step.kind !== 'pull');
    const report =
      (offset: number): StepListener =>
      (step, index, _total, within) =>
        options.progress?.(stepProgress(step, offset + index, steps.length, within, options.range));
    const handlers = this.steps.handlers(snapshot, options.healthTimeoutMs);
    try {
      await this.executor.run(pulls, handlers, report(0));
      const actual = await this.engine.listManaged(snapshot.ctx.settings.applianceId);
      await this.trust.recordRunning(snapshot.desired, actual);
      await this.trust.verify(
        rest.flatMap((step) =>
          step.kind === 'create' || step.kind === 'recreate'
            ? [{ reference: step.container.image, serviceId: step.container.serviceId }]
            : [],
        ),
      );
      await this.executor.run(rest, handlers, report(pulls.length));
    } catch (err) {
      if (err instanceof StepFailedError && err.step.kind === 'pull')
        this.pulls.failed(err.step.image, this.clock.now().getTime());
      // Restarts done before the failure (a health wait after them) are not repeated by every later run.
      const failed = err instanceof StepFailedError ? (rest as readonly Step[]).indexOf(err.step) : -1;
      const lastRestart = rest.map((step) => step.kind).lastIndexOf('restart');
      if (failed > lastRestart) await this.settleRestarts(snapshot);
      throw err;
    }
    this.pulls.succeeded(pulls.map((step) => step.image));
    await this.settleDeletions(snapshot);
    await this.settleRestarts(snapshot);
    return snapshot;
  }

  /** The facts the pure planner needs, gathered from the engine, the database and this process. */
  private async plan(snapshot: ApplianceSnapshot, options: ReconcileOptions): Promise<Step[]> {
    const { ctx } = snapshot;
    const applianceId = ctx.settings.applianceId;
    const [actual, infra] = await Promise.all([
      this.engine.listManaged(applianceId),
      this.engine.listOwnedInfrastructure(applianceId),
    ]);
    const images = new Set<string>();
    for (const container of snapshot.desired) {
      if (await this.engine.imageExists(container.image)) images.add(container.image);
    }
    const hasDatabase = (id: ServiceId) => CATALOG[id].databases(ctx).length > 0;
    const databases = snapshot.enabled.filter(hasDatabase);
    const postgres = actual.find((c) => c.serviceId === 'postgres' && c.state === 'running');
    return planSteps(snapshot.desired, actual, images, {
      applianceId,
      existingNetworks: infra.networks,
      existingVolumes: infra.volumes,
      volumeOwners: infra.volumeOwners,
      databases,
      databasesReady: this.steps.databasesReady(postgres?.id, databases),
      deletions: snapshot.deleting.flatMap(ownServices).map((id) => ({ serviceId: id, database: hasDatabase(id) })),
      restarts: snapshot.restarting.flatMap((r) => ownServices(r.feature)),
      awaitHealthy: options.awaitHealthy,
      verifyProxy: true,
      matrixAdmin: this.steps.matrixAdminNeeded(snapshot),
    });
  }

  /** A plan that went through deleted the data of the features waiting for it: nothing is left to delete. */
  private async settleDeletions(snapshot: ApplianceSnapshot): Promise<void> {
    for (const feature of snapshot.deleting) {
      for (const id of ownServices(feature)) await this.components.unpin(id);
      await this.features.deleted(feature);
    }
  }

  private async settleRestarts(snapshot: ApplianceSnapshot): Promise<void> {
    for (const { feature, requestedAt } of snapshot.restarting) await this.features.restarted(feature, requestedAt);
  }

  /** The first time a component is created its image is pinned: later catalog changes only apply through "update". */
  private async pinNewComponents(snapshot: ApplianceSnapshot): Promise<boolean> {
    const pins = await this.components.pins();
    let changed = false;
    for (const id of snapshot.enabled) {
      if (pins[id]) continue;
      const definition = CATALOG[id];
      await this.components.pin(
        id,
        resolveImage(definition, this.config.imageOverrides),
        definition.version,
        this.clock.now(),
      );
      changed = true;
    }
    return changed;
  }
}
