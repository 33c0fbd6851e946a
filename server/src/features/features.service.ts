import { Injectable } from '@nestjs/common';
import { FEATURES, SERVICE_IDS, type Feature } from '../catalog/catalog.types';
import { ImageTrustService } from '../images/image-trust.service';
import { describeImage, type ImageRecord } from '../images/image-trust';
import { CATALOG } from '../catalog/catalog';
import { EngineRepository } from '../engine/engine.repository';
import type { ActualContainer } from '../engine/engine.types';
import { JobRepository } from '../jobs/job.repository';
import { snapshot } from '../jobs/jobs.service';
import { InstallationRepository } from '../setup/installation.repository';
import { ComponentRepository } from '../services/component.repository';
import { type ImageRefusalDto, FeatureDto } from './dto/feature.dto';
import { FEATURE_HOST, MAIN_SERVICE, ownServices } from './feature-services';
import type { FeatureHealth, FeatureState } from './feature.types';

const INFRASTRUCTURE = SERVICE_IDS.filter((id) => CATALOG[id].role === 'infrastructure');
const NAMES: Record<Feature, string> = { chat: 'Matrix chat', pad: 'HedgeDoc pad', files: 'Nextcloud files' };
const STATS_TIMEOUT_MS = 1500;

function aggregateHealth(containers: ActualContainer[]): FeatureHealth {
  if (containers.length === 0) return 'unknown';
  if (containers.some((c) => c.health === 'unhealthy')) return 'unhealthy';
  if (containers.some((c) => c.health === 'starting')) return 'starting';
  return containers.every((c) => c.health === 'healthy') ? 'healthy' : 'unknown';
}

/** A feature's refusals: its own services', and the shared proxy's and database's. */
function refusalsFor(feature: Feature, refusals: readonly ImageRecord[]): ImageRefusalDto[] {
  const concerned = new Set<string>([...ownServices(feature), ...INFRASTRUCTURE]);
  return refusals
    .filter((r) => r.serviceId !== null && concerned.has(r.serviceId) && r.refusedImageId && r.refusedAt)
    .map((r) => ({
      component: r.serviceId!,
      reference: r.reference,
      recorded: describeImage(r.imageId, r.repoDigest),
      offered: describeImage(r.refusedImageId!, r.refusedRepoDigest),
      at: r.refusedAt!.toISOString(),
    }));
}

/** What the dashboard shows per feature: desired state, live containers and the job under way. */
@Injectable()
export class FeaturesService {
  constructor(
    private readonly installation: InstallationRepository,
    private readonly engine: EngineRepository,
    private readonly components: ComponentRepository,
    private readonly jobs: JobRepository,
    private readonly trust: ImageTrustService,
  ) {}

  async list(): Promise<FeatureDto[]> {
    const installation = await this.installation.get();
    const settings = new Map((await this.installation.features()).map((f) => [f.id, f]));
    const pins = await this.components.pins();
    const actual = installation ? await this.engine.listManaged(installation.applianceId).catch(() => null) : [];
    const refusals = await this.trust.refusals();
    return Promise.all(
      FEATURES.map(async (id) => {
        const setting = settings.get(id);
        const enabled = setting?.enabled ?? false;
        const containers = (actual ?? []).filter((c) => (ownServices(id) as string[]).includes(c.serviceId ?? ''));
        const job = await this.jobs.findActiveFor(id);
        const latest = job ?? (await this.jobs.findLatestFor(id));
        const main = MAIN_SERVICE[id];
        return {
          id,
          name: NAMES[id],
          enabled,
          state: this.state(
            enabled,
            setting?.desiredRunning ?? true,
            containers,
            ownServices(id).length,
            actual !== null,
            job?.kind,
          ),
          health: aggregateHealth(containers),
          version: pins[main]?.version ?? (enabled ? CATALOG[main].version : null),
          url: installation && enabled ? `https://${FEATURE_HOST[id]}.${installation.domain}` : null,
          memoryBytes: await this.memory(containers),
          imageRefusals: enabled ? refusalsFor(id, refusals) : [],
          ...(latest?.state === 'failed' ? { lastFailure: snapshot(latest).error ?? undefined } : {}),
        };
      }),
    );
  }

  private state(
    enabled: boolean,
    desiredRunning: boolean,
    containers: ActualContainer[],
    expected: number,
    engineUp: boolean,
    jobKind: string | undefined,
  ): FeatureState {
    if (jobKind === 'enable') return 'installing';
    if (jobKind === 'update') return 'updating';
    if (!enabled) return 'not-installed';
    if (!engineUp) return 'error';
    if (containers.length === 0) return desiredRunning ? 'installing' : 'stopped';
    const running = containers.filter((c) => c.state === 'running');
    if (!desiredRunning) return running.length === 0 ? 'stopped' : 'running';
    // A missing or dead container of a service meant to run: the reconciler is on it, but say so.
    if (running.length < expected || containers.some((c) => c.health === 'unhealthy')) return 'error';
    return 'running';
  }

  private async memory(containers: ActualContainer[]): Promise<number | undefined> {
    const running = containers.filter((c) => c.state === 'running');
    if (running.length === 0) return undefined;
    const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), STATS_TIMEOUT_MS));
    const total = Promise.all(running.map((c) => this.engine.stats(c.id))).then(
      (stats) => stats.reduce((sum, s) => sum + s.memoryUsageBytes, 0),
      () => undefined,
    );
    return Promise.race([total, timeout]);
  }
}
