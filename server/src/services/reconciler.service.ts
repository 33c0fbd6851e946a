import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CATALOG, databasesFor, resolveImage } from '../catalog/catalog';
import type { ServiceId } from '../catalog/catalog.types';
import { networkName } from '../catalog/naming';
import { POSTGRES_INIT_COMMAND, renderDatabaseInitSql } from '../catalog/postgres.catalog';
import { hostname } from 'node:os';
import { type AppConfig, MANAGER_ALIAS } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Clock } from '../common/clock';
import { TrustedProxies } from '../common/trusted-proxies';
import { EngineExecutor, StepFailedError } from '../engine/engine.executor';
import { planSteps } from '../engine/engine.planner';
import { EngineRepository } from '../engine/engine.repository';
import type { ActualContainer, Step } from '../engine/engine.types';
import { ApplianceContextService, type ApplianceSnapshot } from './appliance-context.service';
import { ComponentRepository } from './component.repository';
import { HostRepository } from '../system/host.repository';
import { MatrixAdminService } from './matrix-admin.service';
import { PullGuard } from './pull-guard';
import { ProxyService } from './proxy.service';
import { waitFor } from './wait';
import { ImageTrustService } from '../images/image-trust.service';
import { LockService } from '../locks/lock.service';

export type ProgressFn = (percent: number, detail: string) => void;
const HEALTH_TIMEOUT_MS = 240_000;

function startsPostgres(step: Step): boolean {
  return (
    (step.kind === 'start' && step.serviceId === 'postgres') ||
    (step.kind === 'recreate' && step.container.serviceId === 'postgres')
  );
}

/**
 * Brings the engine to the desired state: plan (pure), execute, then the work that needs running
 * services (databases, proxy routes, the Matrix admin). One run at a time; runs at boot, after each
 * change, periodically, and when a managed container dies.
 */
@Injectable()
export class ReconcilerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Reconciler');
  private timer: NodeJS.Timeout | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private events: { close(): void } | undefined;
  private databasesReadyFor: string | undefined;
  private closed = false;
  private readonly pulls = new PullGuard();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly context: ApplianceContextService,
    private readonly engine: EngineRepository,
    private readonly executor: EngineExecutor,
    private readonly components: ComponentRepository,
    private readonly proxy: ProxyService,
    private readonly matrix: MatrixAdminService,
    private readonly clock: Clock,
    private readonly host: HostRepository,
    private readonly trusted: TrustedProxies,
    private readonly trust: ImageTrustService,
    private readonly locks: LockService,
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
      this.reconcile(reason, undefined, true).catch((err: unknown) =>
        this.logger.warn(`Reconcile (${reason}) failed: ${err instanceof Error ? err.message : String(err)}`),
      );
    }, 500);
  }

  /** Runs under the appliance's `engine` lock, exclusively with every other engine change (jobs, self-update). */
  exclusive<T>(work: () => Promise<T>, holder = 'reconcile'): Promise<T> {
    return this.locks.run('engine', holder, work);
  }

  reconcile(reason: string, progress: ProgressFn = () => undefined, background = false) {
    return this.exclusive(() => this.reconcileNow(reason, progress, background));
  }

  /** Before an explicit download (an update): enough free disk, or a message saying how much is missing. */
  async assertRoomToDownload(images: readonly string[]): Promise<void> {
    const steps: Step[] = images.map((image) => ({ kind: 'pull', image }));
    this.pulls.check(steps, (await this.host.disk()).freeBytes, Date.now(), false);
  }

  /** Not exclusive: for callers already inside `exclusive`. */
  async reconcileNow(
    reason: string,
    progress: ProgressFn = () => undefined,
    background = false,
  ): Promise<ApplianceSnapshot | null> {
    let snapshot = await this.context.load();
    if (!snapshot) return null;
    if (await this.pinNewComponents(snapshot)) snapshot = (await this.context.load())!;
    const applianceId = snapshot.ctx.settings.applianceId;
    const [actual, infra] = await Promise.all([
      this.engine.listManaged(applianceId),
      this.engine.listOwnedInfrastructure(applianceId),
    ]);
    const images = new Set<string>();
    for (const container of snapshot.desired) {
      if (await this.engine.imageExists(container.image)) images.add(container.image);
    }
    const steps = planSteps(snapshot.desired, actual, images, {
      applianceId,
      existingNetworks: infra.networks,
      existingVolumes: infra.volumes,
    });
    if (steps.length > 0) this.logger.log(`Reconciling (${reason}): ${steps.length} step(s)`);
    // Downloads come first in every plan; nothing is created before the images they brought are checked.
    const pulls = steps.filter((step) => step.kind === 'pull');
    const rest = steps.filter((step) => step.kind !== 'pull');
    const split = rest.findIndex(startsPostgres) + 1;
    const report =
      (offset: number) => (index: number, total: number, detail: { description: string; percent?: number }) => {
        const within = (detail.percent ?? 0) / 100;
        progress(Math.round(((offset + index + within) / Math.max(steps.length, 1)) * 80), detail.description);
        void total;
      };
    this.pulls.check(steps, (await this.host.disk()).freeBytes, Date.now(), background);
    try {
      await this.executor.run(pulls, report(0));
      await this.trust.recordRunning(snapshot.desired, actual);
      await this.trust.verify(
        rest.flatMap((step) =>
          step.kind === 'create' || step.kind === 'recreate'
            ? [{ reference: step.container.image, serviceId: step.container.serviceId }]
            : [],
        ),
      );
      await this.executor.run(rest.slice(0, split), report(pulls.length));
      await this.ensureDatabases(snapshot, steps.length > 0);
      await this.executor.run(rest.slice(split), report(pulls.length + split));
    } catch (err) {
      if (err instanceof StepFailedError && err.step.kind === 'pull') this.pulls.failed(err.step.image, Date.now());
      throw err;
    }
    this.pulls.succeeded(steps.flatMap((step) => (step.kind === 'pull' ? [step.image] : [])));
    await this.attachSelf(snapshot);
    progress(85, 'configuring');
    await this.afterApply(snapshot);
    return snapshot;
  }

  /** The running container of a service, if any. */
  async container(snapshot: ApplianceSnapshot, serviceId: ServiceId): Promise<ActualContainer | undefined> {
    const actual = await this.engine.listManaged(snapshot.ctx.settings.applianceId);
    return actual.find((c) => c.serviceId === serviceId);
  }

  /** Waits for every listed service's container to report healthy; throws naming the ones that did not. */
  async waitHealthy(snapshot: ApplianceSnapshot, services: readonly ServiceId[], timeoutMs = HEALTH_TIMEOUT_MS) {
    const applianceId = snapshot.ctx.settings.applianceId;
    const { ok, value } = await waitFor(
      async () => {
        const actual = await this.engine.listManaged(applianceId);
        return services.map((id) => ({ id, container: actual.find((c) => c.serviceId === id) }));
      },
      // An "unhealthy" verdict is final (the engine already retried): no point waiting for the timeout.
      (list) =>
        list.every((s) => s.container?.state === 'running' && s.container.health === 'healthy') ||
        list.some((s) => s.container?.health === 'unhealthy'),
      { timeoutMs, intervalMs: 1000 },
    );
    const healthy = value.every((s) => s.container?.state === 'running' && s.container.health === 'healthy');
    if (!ok || !healthy) {
      const bad = value
        .filter((s) => s.container?.health !== 'healthy')
        .map((s) => `${s.id} (${s.container ? `${s.container.state}, ${s.container.health}` : 'missing'})`);
      throw new Error(`Not healthy: ${bad.join(', ')}`);
    }
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

  /** One database and role per service in the shared Postgres; idempotent SQL through `docker exec psql`. */
  private async ensureDatabases(snapshot: ApplianceSnapshot, changed: boolean): Promise<void> {
    const specs = databasesFor(snapshot.ctx, snapshot.enabled);
    const postgres = snapshot.desired.find((c) => c.serviceId === 'postgres' && c.desiredState === 'running');
    if (!postgres || specs.length === 0) return;
    const sql = renderDatabaseInitSql(specs);
    const key = `${postgres.configHash}:${sql}`;
    if (!changed && this.databasesReadyFor === key) return;
    await this.waitHealthy(snapshot, ['postgres']);
    const container = await this.container(snapshot, 'postgres');
    if (!container) throw new Error('the database container disappeared');
    const code = await this.engine.exec(container.id, POSTGRES_INIT_COMMAND, { stdin: sql });
    if (code !== 0) throw new Error(`creating the service databases failed (psql exit code ${code})`);
    this.databasesReadyFor = key;
  }

  /**
   * Inside the image, the manager joins the frontend network so Caddy reaches the dashboard as `manager`
   * and the manager reaches Synapse's admin API. Caddy's admin API is not on that network (loopback only).
   */
  private async attachSelf(snapshot: ApplianceSnapshot): Promise<void> {
    if (!this.config.inContainer || snapshot.desired.length === 0) return;
    await this.engine.connect(hostname(), networkName(snapshot.ctx.settings.applianceId, 'frontend'), [MANAGER_ALIAS]);
  }

  private async afterApply(snapshot: ApplianceSnapshot): Promise<void> {
    const applianceId = snapshot.ctx.settings.applianceId;
    const frontend = networkName(applianceId, 'frontend');
    const running = (id: ServiceId) => snapshot.desired.some((c) => c.serviceId === id && c.desiredState === 'running');
    if (running('proxy')) {
      const proxy = await this.container(snapshot, 'proxy');
      const address = proxy && (await this.engine.address(proxy.id, frontend));
      // The proxy reaches the manager from this address: its X-Forwarded-* are the only ones believed.
      this.trusted.setOwnProxy(address ? [address] : []);
      if (proxy?.state === 'running') await this.proxy.ensure(snapshot, proxy.id);
    }
    if (running('synapse') && this.matrix.needsRegistration()) {
      await this.waitHealthy(snapshot, ['synapse']);
      const address = await this.synapseAddress(snapshot);
      if (address) {
        const { secrets, settings } = snapshot.ctx;
        await this.matrix.ensureRegistered(address, secrets.synapseRegistrationSecret, settings.adminUsername);
      }
    }
  }

  /** Synapse's address on the frontend network, where the manager reaches its admin API. */
  async synapseAddress(snapshot: ApplianceSnapshot): Promise<string | undefined> {
    const synapse = await this.container(snapshot, 'synapse');
    if (!synapse) return undefined;
    return this.engine.address(synapse.id, networkName(snapshot.ctx.settings.applianceId, 'frontend'));
  }
}
