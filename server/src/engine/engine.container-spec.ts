import type { RenderedFile } from '../catalog/catalog.types';
import {
  CONTAINER_STATES,
  LABELS,
  type ActualContainer,
  type ContainerState,
  type DesiredContainer,
  type HealthStatus,
} from './engine.types';

const NS = 1_000_000_000;

/**
 * The engine's container-create body for a desired container, as plain data (the engine API's field
 * names), so the mapping is unit tested without an engine. Only the first network can be given at
 * create on engines older than API 1.44; the repository connects the others before the first start.
 */
export interface ContainerCreateSpec {
  name: string;
  Image: string;
  Cmd: string[] | undefined;
  Env: string[];
  Labels: Record<string, string>;
  StopTimeout: number;
  Healthcheck: { Test: string[]; Interval: number; Timeout: number; Retries: number; StartPeriod: number };
  ExposedPorts: Record<string, Record<string, never>>;
  HostConfig: {
    Memory: number;
    MemorySwap: number;
    RestartPolicy: { Name: 'unless-stopped' };
    Mounts: Array<{ Type: 'volume'; Source: string; Target: string }>;
    PortBindings: Record<string, Array<{ HostPort: string }>>;
    NetworkMode: string | undefined;
    ExtraHosts: string[] | undefined;
    LogConfig: { Type: 'json-file'; Config: Record<string, string> };
    CapDrop: ['ALL'];
    CapAdd: string[];
    SecurityOpt: string[];
    PidsLimit: number;
    ReadonlyRootfs: boolean;
    Tmpfs: Record<string, string> | undefined;
  };
  NetworkingConfig: { EndpointsConfig: Record<string, { Aliases: string[] }> } | undefined;
}

/** tmpfs mounts as the engine takes them: bounded in size, nothing executable, no devices, no setuid. */
function tmpfsOptions(desired: DesiredContainer): Record<string, string> | undefined {
  const { tmpfs } = desired.privileges;
  if (tmpfs.length === 0) return undefined;
  return Object.fromEntries(
    tmpfs.map((t) => {
      const mode = t.mode === undefined ? '' : `,mode=${t.mode.toString(8)}`;
      return [t.path, `rw,noexec,nosuid,nodev,size=${t.sizeMb}m${mode}`];
    }),
  );
}

/**
 * Rendered files grouped by the volume they land on, with paths relative to it (still written as
 * absolute, the tar's root being the volume): the engine takes an archive into a read-only root only
 * when its destination is on a volume. A directory entry that is itself a mount point goes with its
 * parent (the engine skips an archive's own root). Parents first. Pure.
 */
export function archiveGroups(
  files: readonly RenderedFile[],
  mountTargets: readonly string[],
): Array<{ root: string; files: RenderedFile[] }> {
  const groups = new Map<string, RenderedFile[]>();
  for (const file of files) {
    const holders = mountTargets.filter(
      (m) => m !== '/' && file.path.startsWith(`${m}/`) && !(file.type === 'directory' && file.path === m),
    );
    const root = holders.sort((a, b) => b.length - a.length)[0] ?? '/';
    const path = root === '/' ? file.path : file.path.slice(root.length);
    groups.set(root, [...(groups.get(root) ?? []), { ...file, path }]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.split('/').length - b.split('/').length || a.localeCompare(b))
    .map(([root, entries]) => ({ root, files: entries }));
}

export function containerCreateSpec(desired: DesiredContainer): ContainerCreateSpec {
  const first = desired.networks[0];
  const portKey = (p: { containerPort: number; protocol: string }) => `${p.containerPort}/${p.protocol}`;
  return {
    name: desired.name,
    Image: desired.image,
    Cmd: desired.command ? [...desired.command] : undefined,
    Env: Object.keys(desired.env)
      .sort()
      .map((key) => `${key}=${desired.env[key]}`),
    Labels: { ...desired.labels },
    StopTimeout: desired.stopTimeoutSec,
    Healthcheck: {
      // An empty test inherits the image's HEALTHCHECK test (override images); timings still apply.
      Test: [...desired.healthcheck.test],
      Interval: desired.healthcheck.intervalSec * NS,
      Timeout: desired.healthcheck.timeoutSec * NS,
      Retries: desired.healthcheck.retries,
      StartPeriod: desired.healthcheck.startPeriodSec * NS,
    },
    ExposedPorts: Object.fromEntries(desired.publishedPorts.map((p) => [portKey(p), {}])),
    HostConfig: {
      Memory: desired.memoryLimitBytes,
      // No swap on top of the limit: on an SD card swapping is worse than a restart.
      MemorySwap: desired.memoryLimitBytes,
      RestartPolicy: { Name: desired.restartPolicy },
      Mounts: desired.volumes.map((v) => ({ Type: 'volume', Source: v.name, Target: v.target })),
      PortBindings: Object.fromEntries(
        desired.publishedPorts.map((p) => [portKey(p), [{ HostPort: String(p.hostPort) }]]),
      ),
      NetworkMode: first?.name,
      ExtraHosts: desired.extraHosts.length > 0 ? [...desired.extraHosts] : undefined,
      // Bounded logs: a chatty service must not fill a small disk.
      LogConfig: { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '3' } },
      // Nothing a service can reach is trusted (DESIGN §8): no capability but the catalog's, no gaining
      // privileges through setuid binaries or file capabilities, and a bounded number of processes.
      CapDrop: ['ALL'],
      CapAdd: [...desired.privileges.capAdd].sort(),
      SecurityOpt: ['no-new-privileges:true'],
      PidsLimit: desired.privileges.pidsLimit,
      ReadonlyRootfs: desired.privileges.readOnlyRootfs,
      Tmpfs: tmpfsOptions(desired),
    },
    NetworkingConfig: first ? { EndpointsConfig: { [first.name]: { Aliases: [...first.aliases] } } } : undefined,
  };
}

export function asContainerState(value: string | undefined): ContainerState {
  // An unknown state is treated as dead: the planner then recreates rather than trusting it.
  return (CONTAINER_STATES as readonly string[]).includes(value ?? '') ? (value as ContainerState) : 'dead';
}

/** `Up 3 minutes (healthy)` → healthy; the list call has no structured health field. */
export function healthFromStatus(status: string): HealthStatus {
  if (status.includes('(healthy)')) return 'healthy';
  if (status.includes('(unhealthy)')) return 'unhealthy';
  if (status.includes('(health: starting)')) return 'starting';
  return 'none';
}

/** A container-list entry (the fields used) → ActualContainer. */
export function toActualContainer(entry: {
  Id: string;
  Names: string[];
  Image: string;
  State: string;
  Status: string;
  Labels: Record<string, string>;
  ImageID?: string;
}): ActualContainer {
  const labels = entry.Labels ?? {};
  return {
    id: entry.Id,
    name: (entry.Names[0] ?? '').replace(/^\//, ''),
    serviceId: labels[LABELS.service],
    image: entry.Image,
    configHash: labels[LABELS.configHash],
    state: asContainerState(entry.State),
    health: healthFromStatus(entry.Status ?? ''),
    labels: { ...labels },
    imageId: entry.ImageID ?? '',
  };
}

/** Typed reads from the engine's loosely typed JSON. */
export function str(record: Record<string, unknown>, key: string): string {
  const value = record[key];
  return typeof value === 'string' ? value : '';
}

export function num(record: unknown, key: string): number {
  const value = typeof record === 'object' && record !== null ? (record as Record<string, unknown>)[key] : undefined;
  return typeof value === 'number' ? value : 0;
}
