import { configHash, type Json } from '../catalog/canonical';
import { CATALOG, resolveImage, type ImageOverrides } from '../catalog/catalog';
import {
  SERVICE_IDS,
  type ContainerPrivileges,
  type RenderContext,
  type RenderedFile,
  type ServiceId,
  type VolumeSpec,
} from '../catalog/catalog.types';
import { containerName, networkName, volumeName } from '../catalog/naming';
import {
  LABELS,
  MANAGED_BY,
  type ContainerHealthCheck,
  type DesiredContainer,
  type NetworkAttachment,
  type PublishedPort,
} from './engine.types';

export interface DesiredStateInput {
  ctx: RenderContext;
  /** Enabled services (catalog.servicesForFeatures); infrastructure included. */
  enabled: Iterable<ServiceId>;
  /** Services an admin stopped: kept, not started. */
  stopped?: Iterable<ServiceId>;
  overrides: ImageOverrides;
  /**
   * The image and version each component was installed with (update/rollback pin them); the catalog's
   * default when absent. Overrides then apply to the pinned reference.
   */
  pinned?: Partial<Record<ServiceId, { image: string; version: string }>>;
  /** Host ports of the proxy; published to the same port numbers inside its container. */
  hostPorts: { http: number; https: number };
}

/**
 * Names under which the proxy answers the services on the frontend network: the OpenID issuer's host
 * (the community's apex), so that Synapse, HedgeDoc and Nextcloud reach the provider's discovery, token
 * and userinfo endpoints through the proxy from their own containers, whatever public DNS says (a LAN
 * name, a test domain, a host without hairpin NAT). Only once the services sign members in.
 */
export function proxyAliases(ctx: RenderContext): string[] {
  const clients = ctx.members?.clients ?? {};
  return Object.keys(clients).length > 0 ? [ctx.settings.domain] : [];
}

function networksFor(ctx: RenderContext, serviceId: ServiceId): NetworkAttachment[] {
  const { applianceId } = ctx.settings;
  const definition = CATALOG[serviceId];
  const aliases = [serviceId];
  const result: NetworkAttachment[] = [];
  const frontendAliases = serviceId === 'proxy' ? [...aliases, ...proxyAliases(ctx)] : aliases;
  // Postgres only joins the internal backend network; everything else is reachable by the proxy.
  if (serviceId !== 'postgres')
    result.push({ name: networkName(applianceId, 'frontend'), internal: false, aliases: frontendAliases });
  if (definition.needsDatabase) result.push({ name: networkName(applianceId, 'backend'), internal: true, aliases });
  return result;
}

/**
 * The catalog's health test is written for the catalog image's tools. An override image (a local
 * build, a stand-in) brings its own HEALTHCHECK on the same health path, so its test is inherited
 * (empty test) while the catalog's timings still apply.
 */
function healthcheckFor(serviceId: ServiceId, overridden: boolean): ContainerHealthCheck {
  const { test, intervalSec, timeoutSec, retries, startPeriodSec } = CATALOG[serviceId].healthcheck;
  return { test: overridden ? [] : [...test], intervalSec, timeoutSec, retries, startPeriodSec };
}

/** `registry/name` without tag or digest. */
function repository(ref: string): string {
  return ref.replace(/@sha256:[a-f0-9]+$/, '').replace(/:[^:/]+$/, '');
}

/** Whether `path` is `dir` or lies below it. */
export function isWithin(path: string, dir: string): boolean {
  return dir === '/' || path === dir || path.startsWith(`${dir}/`);
}

function parentOf(path: string): string {
  const cut = path.replace(/\/+$/, '').lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}

/**
 * Directories that need a small volume of their own to carry rendered files: a file that no declared
 * volume holds cannot be written into a read-only root (the engine refuses), and one under a tmpfs path
 * would be hidden by the tmpfs mounted at start. Such a file's directory becomes a volume (outermost
 * directories only), rewritten at each create. Pure.
 */
export function fileVolumes(
  files: readonly RenderedFile[],
  volumes: readonly VolumeSpec[],
  privileges: ContainerPrivileges,
): VolumeSpec[] {
  const dirs = new Set<string>();
  for (const file of files) {
    if (volumes.some((v) => isWithin(file.path, v.mountPath))) continue;
    const underTmpfs = privileges.tmpfs.some((t) => isWithin(file.path, t.path));
    if (!privileges.readOnlyRootfs && !underTmpfs) continue;
    dirs.add(file.type === 'directory' ? file.path : parentOf(file.path));
  }
  const outermost = [...dirs].filter((d) => ![...dirs].some((o) => o !== d && isWithin(d, o))).sort();
  return outermost.map((dir) => ({
    key: `files${dir.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`.replace(/-+$/, ''),
    mountPath: dir,
  }));
}

function publishedPortsFor(serviceId: ServiceId, input: DesiredStateInput): PublishedPort[] {
  if (serviceId !== 'proxy') return [];
  const { http, https } = input.hostPorts;
  const ports: PublishedPort[] = [{ hostPort: http, containerPort: http, protocol: 'tcp' }];
  // With TLS off another proxy on the host usually holds 443: do not claim it.
  if (input.ctx.settings.tls !== 'off') ports.push({ hostPort: https, containerPort: https, protocol: 'tcp' });
  return ports;
}

/** Every desired container, fully rendered, with its config hash. Pure. */
export function desiredContainers(input: DesiredStateInput): DesiredContainer[] {
  const { ctx, overrides } = input;
  const applianceId = ctx.settings.applianceId;
  const enabled = new Set(input.enabled);
  const stopped = new Set(input.stopped ?? []);
  const ids = SERVICE_IDS.filter((id) => enabled.has(id));
  return ids.map((serviceId) => {
    const definition = CATALOG[serviceId];
    const pin = input.pinned?.[serviceId];
    const base = pin?.image ?? definition.image;
    const image = resolveImage({ image: base }, overrides);
    const files = definition.renderFiles(ctx);
    const spec = {
      name: containerName(applianceId, serviceId),
      image,
      command: definition.renderCommand(ctx),
      env: definition.renderEnv(ctx),
      networks: networksFor(ctx, serviceId),
      volumes: [...definition.volumes, ...fileVolumes(files, definition.volumes, definition.privileges)].map((v) => ({
        name: volumeName(applianceId, serviceId, v.key),
        target: v.mountPath,
      })),
      memoryLimitBytes: ctx.profile.memoryLimits[serviceId],
      // An image from another repository (an override, or a pinned local build) brings its own test;
      // another tag of the catalog's own repository has the same tools.
      healthcheck: healthcheckFor(serviceId, repository(image) !== repository(definition.image)),
      restartPolicy: 'unless-stopped' as const,
      publishedPorts: publishedPortsFor(serviceId, input),
      extraHosts: serviceId === 'proxy' ? ['host.docker.internal:host-gateway'] : [],
      files,
      stopTimeoutSec: definition.stopTimeoutSec,
      privileges: definition.privileges,
    };
    const hash = configHash(spec as unknown as Json);
    // The proxy is (re)loaded last: it depends on every other enabled service.
    const dependsOn =
      serviceId === 'proxy' ? ids.filter((id) => id !== 'proxy') : definition.dependsOn.filter((id) => enabled.has(id));
    return {
      ...spec,
      serviceId,
      labels: {
        [LABELS.managedBy]: MANAGED_BY,
        [LABELS.applianceId]: applianceId,
        [LABELS.service]: serviceId,
        [LABELS.configHash]: hash,
        [LABELS.version]: pin?.version ?? definition.version,
      },
      dependsOn,
      desiredState: stopped.has(serviceId) ? 'stopped' : 'running',
      configHash: hash,
    };
  });
}
