import type { Readable, Writable } from 'node:stream';
import type { ContainerPrivileges, RenderedFile, ServiceId } from '../catalog/catalog.types';
import type { AppConfig } from '../config/app-config';

/** Nest token for the one dockerode client (see dockerClient), shared by the engine repositories. */
export const DOCKER_CLIENT = 'DOCKER_CLIENT';
export type EngineOptions = AppConfig['docker'];

/** Labels put on every container, volume and network the appliance creates. */
export const LABELS = {
  managedBy: 'org.tiers-lieux.managed-by',
  applianceId: 'org.tiers-lieux.appliance-id',
  service: 'org.tiers-lieux.service',
  configHash: 'org.tiers-lieux.config-hash',
  version: 'org.tiers-lieux.version',
  /** A short-lived tool run (restic): never one of the services, so reconciles leave it alone. */
  tool: 'org.tiers-lieux.tool',
} as const;
export const MANAGED_BY = 'tiers-lieux-appliance';

export type Labels = Readonly<Record<string, string>>;

/** Whether a labelled object belongs to this appliance; nothing else is ever considered or touched. */
export function isOwnedBy(labels: Labels, applianceId: string): boolean {
  return labels[LABELS.managedBy] === MANAGED_BY && labels[LABELS.applianceId] === applianceId;
}

export interface PublishedPort {
  hostPort: number;
  containerPort: number;
  protocol: 'tcp' | 'udp';
}

export interface VolumeMount {
  /** Named volume (never a host path). */
  name: string;
  target: string;
}

export interface NetworkAttachment {
  name: string;
  /** Internal networks have no route out of the host. */
  internal: boolean;
  aliases: readonly string[];
}

export interface ContainerHealthCheck {
  /** `['CMD', ...argv]`; empty means "inherit the image's HEALTHCHECK test" (used for override images). */
  test: readonly string[];
  intervalSec: number;
  timeoutSec: number;
  retries: number;
  startPeriodSec: number;
}

/** What should run, fully rendered; built by desired-state.ts from the catalog. */
export interface DesiredContainer {
  name: string;
  serviceId: ServiceId;
  image: string;
  command: readonly string[] | undefined;
  env: Readonly<Record<string, string>>;
  labels: Labels;
  networks: readonly NetworkAttachment[];
  volumes: readonly VolumeMount[];
  memoryLimitBytes: number;
  healthcheck: ContainerHealthCheck;
  restartPolicy: 'unless-stopped';
  /** Only the proxy publishes ports. */
  publishedPorts: readonly PublishedPort[];
  /** `name:address` host entries; the proxy gets `host.docker.internal:host-gateway` to reach a manager on the host. */
  extraHosts: readonly string[];
  /**
   * Written into the container after create, before the first start, one archive per volume they land
   * on (a read-only root takes none).
   */
  files: readonly RenderedFile[];
  /** Capabilities, PID limit, read-only root and tmpfs (CapDrop ALL and no-new-privileges always). */
  privileges: ContainerPrivileges;
  stopTimeoutSec: number;
  /** Desired services this one needs started first. */
  dependsOn: readonly ServiceId[];
  /** `stopped` when an admin stopped the service: the reconciler must not start it again. */
  desiredState: 'running' | 'stopped';
  /** Hash of everything above except labels; also in the config-hash label. */
  configHash: string;
}

export const CONTAINER_STATES = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'] as const;
export type ContainerState = (typeof CONTAINER_STATES)[number];
export type HealthStatus = 'none' | 'starting' | 'healthy' | 'unhealthy';

/** What the engine reports. `serviceId` is a raw label: a container may come from another version. */
export interface ActualContainer {
  id: string;
  name: string;
  serviceId: string | undefined;
  image: string;
  configHash: string | undefined;
  state: ContainerState;
  health: HealthStatus;
  labels: Labels;
  /** The image it runs (`sha256:…`), whatever its reference points at now. */
  imageId: string;
}

export type { EngineStepKind, RecreateReason, ServiceStepKind, Step, StepKind } from './engine.steps';

export interface OwnedInfrastructure {
  networks: Set<string>;
  volumes: Set<string>;
  /** Volume name to its service label (undefined for a volume without one). */
  volumeOwners: Map<string, string | undefined>;
}

export interface EngineInfo {
  serverVersion: string;
  totalMemoryBytes: number;
  /** Engine architecture name (`x86_64`, `aarch64`); see catalog normalizeArch. */
  arch: string;
  cpus: number;
}

export interface PullProgress {
  /** 0..100 over the layers whose size is known so far. */
  percent: number;
  detail: string;
}

export interface LogLine {
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface LogOptions {
  tail?: number;
  follow?: boolean;
  signal?: AbortSignal;
}

export interface ExecOptions {
  stdin?: string | Buffer | Readable;
  stdout?: Writable;
  stderr?: Writable;
  user?: string;
}

export type EngineEventKind = 'start' | 'die' | 'health_status';

export interface EngineEvent {
  kind: EngineEventKind;
  containerId: string;
  name: string | undefined;
  serviceId: string | undefined;
  applianceId: string | undefined;
  /** For health_status events. */
  health: HealthStatus | undefined;
  /** For die events. */
  exitCode: number | undefined;
  time: Date;
}

export interface EventSubscription {
  /** Called for each event of a managed container. */
  onEvent: (event: EngineEvent) => void;
  /** `connected` after every (re)connection: events may have been missed, reconcile then. */
  onStatus?: (status: 'connected' | 'disconnected', error?: Error) => void;
}

export interface ContainerHealth {
  state: ContainerState;
  health: HealthStatus;
  exitCode: number;
  restartCount: number;
}

export interface ContainerStats {
  memoryUsageBytes: number;
  memoryLimitBytes: number;
}

/**
 * A health check as the engine stores it (durations in nanoseconds). `Test: ['NONE']` disables the
 * image's; an absent check inherits it.
 */
export interface EngineHealthcheck {
  Test?: string[];
  Interval?: number;
  Timeout?: number;
  Retries?: number;
  StartPeriod?: number;
}

/**
 * The part of a container's or an image's configuration that replacing a container needs, as plain data
 * with the engine API's field names (so it goes back to the engine unchanged). In a container's inspect
 * these values already include what its image set; comparing with the image tells what was chosen at
 * `docker run`.
 */
export interface EngineRunConfig {
  Env: string[];
  Cmd: string[] | null;
  Entrypoint: string[] | null;
  Labels: Record<string, string>;
  WorkingDir: string;
  User: string;
  Healthcheck: EngineHealthcheck | null;
  ExposedPorts: Record<string, Record<string, never>>;
  StopSignal: string | null;
  StopTimeout: number | null;
}

export interface EngineMountSpec {
  Type: string;
  Source?: string;
  Target: string;
  ReadOnly?: boolean;
  [field: string]: unknown;
}

/**
 * A container's host configuration as the engine reports it. The fields named here are the ones code
 * reads or changes; every other one (memory, capabilities, log driver...) is carried over untouched.
 */
export interface EngineHostConfig {
  Binds?: string[] | null;
  Mounts?: EngineMountSpec[] | null;
  PortBindings?: Record<string, Array<{ HostIp?: string; HostPort?: string }> | null> | null;
  RestartPolicy?: { Name: string; MaximumRetryCount?: number };
  NetworkMode?: string;
  AutoRemove?: boolean;
  Links?: string[] | null;
  [field: string]: unknown;
}

/** Where something is mounted in a container; `source` is a volume name or a host path. */
export interface MountPoint {
  kind: 'volume' | 'bind' | 'other';
  source: string;
  target: string;
  readOnly: boolean;
}

export interface NetworkEndpoint {
  name: string;
  aliases: readonly string[];
}

/** Everything needed to re-create a container the appliance did not create itself (the manager's own). */
export interface ContainerDetails {
  id: string;
  name: string;
  /** The reference it was created from (`Config.Image`), e.g. `tiers-lieux/appliance:stable`. */
  imageRef: string;
  /** The image it runs (`sha256:…`). */
  imageId: string;
  state: ContainerState;
  health: HealthStatus;
  /** Output of the most recent health probe, trimmed. */
  lastHealthOutput: string | undefined;
  exitCode: number;
  restartCount: number;
  config: EngineRunConfig;
  hostConfig: EngineHostConfig;
  mounts: readonly MountPoint[];
  networks: readonly NetworkEndpoint[];
}

export interface ImageDetails {
  id: string;
  repoTags: readonly string[];
  /** `repository@sha256:…` for each registry it was pulled from; empty for a local build. */
  repoDigests: readonly string[];
  config: EngineRunConfig;
}

/** A container-create body as plain data (engine field names); see EngineRepository.createFromSpec. */
export interface EngineCreateSpec {
  name: string;
  Image: string;
  Env?: string[];
  Cmd?: string[];
  Entrypoint?: string[];
  Labels: Record<string, string>;
  WorkingDir?: string;
  User?: string;
  Healthcheck?: EngineHealthcheck;
  ExposedPorts?: Record<string, Record<string, never>>;
  StopSignal?: string;
  StopTimeout?: number;
  HostConfig: EngineHostConfig;
  /** One network at create (engines before API 1.44 take only one); the others are connected afterwards. */
  NetworkingConfig?: { EndpointsConfig: Record<string, { Aliases?: string[] }> };
}
