import { servicesForFeatures } from '../catalog/catalog';
import { testContext } from '../catalog/catalog.fixtures.spec';
import type { ServiceId } from '../catalog/catalog.types';
import { desiredContainers } from './desired-state';
import type { ActualContainer, DesiredContainer, Step } from './engine.types';

/** Shared by the planner's specs: desired and actual containers from the catalog, and plan summaries. */
export const ctx = { applianceId: 'tl1' };

/** A context where every network and volume already exists, as after a first install. */
export function installed(want: DesiredContainer[]) {
  return {
    ...ctx,
    existingNetworks: new Set(want.flatMap((d) => d.networks.map((n) => n.name))),
    existingVolumes: new Set(want.flatMap((d) => d.volumes.map((v) => v.name))),
  };
}

export function desired(
  features: Array<'chat' | 'pad' | 'files'> = ['chat'],
  stopped: ServiceId[] = [],
): DesiredContainer[] {
  return desiredContainers({
    ctx: testContext(),
    enabled: servicesForFeatures(features),
    stopped,
    overrides: {},
    hostPorts: { http: 80, https: 443 },
  });
}

export function actualFrom(d: DesiredContainer, overrides: Partial<ActualContainer> = {}): ActualContainer {
  return {
    id: `id-${d.serviceId}`,
    name: d.name,
    serviceId: d.serviceId,
    image: d.image,
    configHash: d.configHash,
    state: 'running',
    health: 'healthy',
    labels: { ...d.labels },
    imageId: `sha256:${d.serviceId}`,
    ...overrides,
  };
}

export const images = (ds: DesiredContainer[]) => new Set(ds.map((d) => d.image));
export const kinds = (steps: Step[]) => steps.map((s) => s.kind);
export const summary = (steps: Step[]) =>
  steps.map((s) => {
    switch (s.kind) {
      case 'pull':
        return `pull ${s.image}`;
      case 'create':
      case 'recreate':
        return `${s.kind} ${s.container.serviceId}`;
      case 'start':
        return `start ${s.serviceId}`;
      case 'stop':
      case 'remove':
        return `${s.kind} ${s.name}`;
      case 'createNetwork':
      case 'createVolume':
        return s.kind;
      case 'restart':
        return `restart ${s.serviceId}`;
      case 'removeVolume':
        return `removeVolume ${s.name}`;
      case 'waitHealthy':
      case 'ensureDatabases':
      case 'dropDatabases':
        return `${s.kind} ${s.serviceIds.join(',')}`;
      case 'loadProxy':
      case 'ensureMatrixAdmin':
        return s.kind;
    }
  });
