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
  };
  NetworkingConfig: { EndpointsConfig: Record<string, { Aliases: string[] }> } | undefined;
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
