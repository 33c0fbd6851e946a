import { Inject, Injectable } from '@nestjs/common';
import { hostname } from 'node:os';
import { databasesFor } from '../catalog/catalog';
import type { ServiceId } from '../catalog/catalog.types';
import { networkName } from '../catalog/naming';
import { POSTGRES_INIT_COMMAND, renderDatabaseDropSql, renderDatabaseInitSql } from '../catalog/postgres.catalog';
import { type AppConfig, MANAGER_ALIAS } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { TrustedProxies } from '../common/trusted-proxies';
import type { ServiceStepHandlers } from '../engine/engine.executor';
import { EngineRepository } from '../engine/engine.repository';
import type { ActualContainer } from '../engine/engine.types';
import type { ApplianceSnapshot } from './appliance-context.service';
import { MatrixAdminService } from './matrix-admin.service';
import { MatrixRoomsService } from './matrix-rooms.service';
import { ProxyService } from './proxy.service';
import { waitFor } from './wait';

export const HEALTH_TIMEOUT_MS = 240_000;

/**
 * The steps of a plan that need more than the engine: health waits, the services' databases (psql
 * through `docker exec`), Caddy's routes, the chat admin account. Given to the executor per plan.
 */
@Injectable()
export class ServiceStepsService {
  /** The services whose databases this process made sure of, in which Postgres container. */
  private ensured: { postgresId: string; services: Set<ServiceId> } | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly engine: EngineRepository,
    private readonly proxy: ProxyService,
    private readonly matrix: MatrixAdminService,
    private readonly rooms: MatrixRoomsService,
    private readonly trusted: TrustedProxies,
  ) {}

  handlers(snapshot: ApplianceSnapshot, healthTimeoutMs = HEALTH_TIMEOUT_MS): ServiceStepHandlers {
    return {
      waitHealthy: (step) => this.waitHealthy(snapshot, step.serviceIds, healthTimeoutMs),
      ensureDatabases: (step) => this.ensureDatabases(snapshot, step.serviceIds),
      dropDatabases: (step) => this.dropDatabases(snapshot, step.serviceIds),
      loadProxy: () => this.loadProxy(snapshot),
      ensureMatrixAdmin: () => this.ensureMatrixAdmin(snapshot),
    };
  }

  /** Whether these services' databases were ensured in this Postgres container by this process. */
  databasesReady(postgresId: string | undefined, services: readonly ServiceId[]): boolean {
    const ensured = this.ensured;
    return (
      ensured !== undefined && ensured.postgresId === postgresId && services.every((id) => ensured.services.has(id))
    );
  }

  /** Whether the chat admin account is still to be registered, or its starting rooms made. */
  matrixAdminNeeded(snapshot?: ApplianceSnapshot): boolean {
    if (this.matrix.needsRegistration()) return true;
    return snapshot !== undefined && this.rooms.needed(snapshot.rooms);
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
      const bad = value.filter((s) => s.container?.health !== 'healthy');
      throw new NotHealthyError(
        bad.map((s) => s.id),
        bad.map((s) => `${s.id} (${s.container ? `${s.container.state}, ${s.container.health}` : 'missing'})`),
      );
    }
  }

  private async runningPostgres(snapshot: ApplianceSnapshot): Promise<ActualContainer> {
    const postgres = await this.container(snapshot, 'postgres');
    if (postgres?.state !== 'running') throw new Error('the database container is not running');
    return postgres;
  }

  /** One database and role per service in the shared Postgres; idempotent SQL through `docker exec psql`. */
  private async ensureDatabases(snapshot: ApplianceSnapshot, services: readonly ServiceId[]): Promise<void> {
    const sql = renderDatabaseInitSql(databasesFor(snapshot.ctx, services));
    const postgres = await this.runningPostgres(snapshot);
    const code = await this.engine.exec(postgres.id, POSTGRES_INIT_COMMAND, { stdin: sql });
    if (code !== 0) throw new Error(`creating the service databases failed (psql exit code ${code})`);
    const known = this.ensured?.postgresId === postgres.id ? this.ensured.services : new Set<ServiceId>();
    this.ensured = { postgresId: postgres.id, services: new Set([...known, ...services]) };
  }

  private async dropDatabases(snapshot: ApplianceSnapshot, services: readonly ServiceId[]): Promise<void> {
    const specs = databasesFor(snapshot.ctx, services);
    if (specs.length === 0) return;
    const postgres = await this.runningPostgres(snapshot);
    const code = await this.engine.exec(postgres.id, POSTGRES_INIT_COMMAND, { stdin: renderDatabaseDropSql(specs) });
    for (const id of services) this.ensured?.services.delete(id);
    if (code !== 0) throw new Error(`deleting the databases of ${services.join(', ')} failed (psql exit code ${code})`);
  }

  /**
   * Inside the image, the manager joins the frontend network so Caddy reaches the dashboard as `manager`
   * and the manager reaches Synapse's admin API. Caddy's admin API is not on that network (loopback only).
   */
  private async attachSelf(snapshot: ApplianceSnapshot): Promise<void> {
    if (!this.config.inContainer || snapshot.desired.length === 0) return;
    await this.engine.connect(hostname(), networkName(snapshot.ctx.settings.applianceId, 'frontend'), [MANAGER_ALIAS]);
  }

  private async loadProxy(snapshot: ApplianceSnapshot): Promise<void> {
    await this.attachSelf(snapshot);
    const proxy = await this.container(snapshot, 'proxy');
    const frontend = networkName(snapshot.ctx.settings.applianceId, 'frontend');
    const address = proxy && (await this.engine.address(proxy.id, frontend));
    // The proxy reaches the manager from this address: its X-Forwarded-* are the only ones believed.
    this.trusted.setOwnProxy(address ? [address] : []);
    if (proxy?.state === 'running') await this.proxy.ensure(snapshot, proxy.id);
  }

  private async ensureMatrixAdmin(snapshot: ApplianceSnapshot): Promise<void> {
    await this.attachSelf(snapshot);
    const address = await this.synapseAddress(snapshot);
    if (!address) return;
    const { secrets, settings } = snapshot.ctx;
    await this.matrix.ensureRegistered(address, secrets.synapseRegistrationSecret, settings.adminUsername);
    // The rooms members join (`auto_join_rooms`), made by the admin rather than by whoever comes first.
    await this.rooms.ensure(address, snapshot.rooms);
  }

  /** Synapse's address on the frontend network, where the manager reaches its admin API. */
  async synapseAddress(snapshot: ApplianceSnapshot): Promise<string | undefined> {
    const synapse = await this.container(snapshot, 'synapse');
    if (!synapse) return undefined;
    return this.engine.address(synapse.id, networkName(snapshot.ctx.settings.applianceId, 'frontend'));
  }
}

/** Services that did not become healthy; `detail` says in what state each was. */
export class NotHealthyError extends Error {
  constructor(
    readonly services: readonly ServiceId[],
    readonly detail: readonly string[],
  ) {
    super(`Not healthy: ${detail.join(', ')}`);
    this.name = 'NotHealthyError';
  }
}
