import { Inject, Injectable } from '@nestjs/common';
import './dockerode.deferred-parts'; // before dockerode: defers the parts the manager never calls
import Docker from 'dockerode';
import { EngineConflictError, EngineNotFoundError, isNotModified, toEngineError } from './engine.errors';
import { watchEvents } from './engine.events';
import { asContainerState, num, toActualContainer } from './engine.container-spec';
import {
  containerLogs,
  createDesired,
  createFromSpec,
  engineCall,
  execIn,
  pullImage,
  listTools,
  runToCompletion,
} from './engine.containers.repository';
import type { ToolRunSpec, ToolRunStreams } from './engine.tool-run';
import { asJson, type Json, toContainerDetails, toImageDetails } from './engine.inspect-mapping';
import {
  DOCKER_CLIENT,
  LABELS,
  MANAGED_BY,
  isOwnedBy,
  type ActualContainer,
  type ContainerDetails,
  type ContainerHealth,
  type ContainerStats,
  type DesiredContainer,
  type EngineCreateSpec,
  type EngineOptions,
  type EventSubscription,
  type ExecOptions,
  type ImageDetails,
  type Labels,
  type LogLine,
  type LogOptions,
  type NetworkEndpoint,
  type OwnedInfrastructure,
} from './engine.types';

const MANAGED_LABEL = `${LABELS.managedBy}=${MANAGED_BY}`;

function ownerFilters(applianceId: string): string[] {
  return [MANAGED_LABEL, `${LABELS.applianceId}=${applianceId}`];
}

/** The manager's one connection to the engine, shared by EngineRepository and EngineInfoRepository. */
export function dockerClient(options: EngineOptions): Docker {
  return 'socketPath' in options
    ? new Docker({ socketPath: options.socketPath })
    : new Docker({ host: options.host, port: options.port, protocol: 'http' });
}

/**
 * The only place that talks to the engine about containers, images, networks and volumes; questions
 * about the engine itself are EngineInfoRepository's. Every error leaves it as a typed EngineError.
 */
@Injectable()
export class EngineRepository {
  constructor(@Inject(DOCKER_CLIENT) private readonly docker: Docker) {}

  private call<T>(what: string, action: () => Promise<T>): Promise<T> {
    return engineCall(what, action);
  }

  async listManaged(applianceId: string): Promise<ActualContainer[]> {
    const list = await this.call('list containers', () =>
      this.docker.listContainers({ all: true, filters: { label: ownerFilters(applianceId) } }),
    );
    const services = list.filter((c) => isOwnedBy(c.Labels ?? {}, applianceId) && !c.Labels?.[LABELS.tool]);
    return services.map(toActualContainer);
  }

  /** Ids of this appliance's tool runs of one tool (restic runs a killed manager left behind). */
  listTools(applianceId: string, tool: string): Promise<string[]> {
    return listTools(this.docker, [...ownerFilters(applianceId), `${LABELS.tool}=${tool}`]);
  }

  /**
   * Names of this appliance's networks and volumes, so the planner skips creating them again, and the
   * service label of each volume, so it finds a deleted service's volumes.
   */
  async listOwnedInfrastructure(applianceId: string): Promise<OwnedInfrastructure> {
    const filters = { label: ownerFilters(applianceId) };
    const [networks, volumes] = await this.call('list networks and volumes', () =>
      Promise.all([this.docker.listNetworks({ filters }), this.docker.listVolumes({ filters })]),
    );
    return {
      networks: new Set(networks.map((n) => n.Name)),
      volumes: new Set((volumes.Volumes ?? []).map((v) => v.Name)),
      volumeOwners: new Map((volumes.Volumes ?? []).map((v) => [v.Name, v.Labels?.[LABELS.service]])),
    };
  }

  async imageExists(ref: string): Promise<boolean> {
    try {
      await this.docker.getImage(ref).inspect();
      return true;
    } catch (error) {
      const typed = toEngineError(error, `inspect image ${ref}`);
      if (typed instanceof EngineNotFoundError) return false;
      throw typed;
    }
  }

  /** Pulls one tagged reference, reporting aggregated layer progress. Rejects on any error in the stream. */
  pullImage(ref: string, onProgress?: (percent: number, detail: string) => void): Promise<void> {
    return pullImage(this.docker, ref, onProgress);
  }

  /** Idempotent: an existing network of this appliance with that name is kept. */
  async createNetwork(name: string, internal: boolean, labels: Labels): Promise<void> {
    const existing = await this.call(`list network ${name}`, () =>
      this.docker.listNetworks({ filters: { name: [name] } }),
    );
    const same = existing.find((n) => n.Name === name);
    if (same) {
      if (!isOwnedBy(same.Labels ?? {}, labels[LABELS.applianceId] ?? '')) {
        throw new EngineConflictError(`network ${name} exists and is not managed by this appliance`);
      }
      return;
    }
    await this.call(`create network ${name}`, () =>
      this.docker.createNetwork({
        Name: name,
        Driver: 'bridge',
        Internal: internal,
        Labels: { ...labels },
        CheckDuplicate: true,
      }),
    );
  }

  /** Idempotent; refuses to adopt a same-named volume that another owner created. */
  async ensureVolume(name: string, labels: Labels): Promise<void> {
    try {
      const volume = await this.docker.getVolume(name).inspect();
      if (!isOwnedBy(volume.Labels ?? {}, labels[LABELS.applianceId] ?? '')) {
        throw new EngineConflictError(`volume ${name} exists and is not managed by this appliance`);
      }
      return;
    } catch (error) {
      const typed = toEngineError(error, `inspect volume ${name}`);
      if (!(typed instanceof EngineNotFoundError)) throw typed;
    }
    await this.call(`create volume ${name}`, () => this.docker.createVolume({ Name: name, Labels: { ...labels } }));
  }

  async removeVolume(name: string): Promise<void> {
    await this.ignoreNotFound(`remove volume ${name}`, () => this.docker.getVolume(name).remove());
  }

  async removeNetwork(name: string): Promise<void> {
    await this.ignoreNotFound(`remove network ${name}`, () => this.docker.getNetwork(name).remove());
  }

  /** Creates the container, joins its other networks and writes its files; returns its id. Cleans up on failure. */
  createContainer(desired: DesiredContainer): Promise<string> {
    return createDesired(this.docker, desired);
  }

  async start(id: string): Promise<void> {
    await this.ignoreNotModified(`start ${id}`, () => this.docker.getContainer(id).start());
  }

  async stop(id: string, timeoutSec: number): Promise<void> {
    await this.ignoreNotModified(`stop ${id}`, () => this.docker.getContainer(id).stop({ t: timeoutSec }));
  }

  /** Removes the container only; named volumes are never removed with it. */
  async remove(id: string): Promise<void> {
    await this.ignoreNotFound(`remove ${id}`, () => this.docker.getContainer(id).remove({ force: true, v: false }));
  }

  async rename(id: string, name: string): Promise<void> {
    await this.call(`rename ${id} to ${name}`, () => this.docker.getContainer(id).rename({ name }));
  }

  async inspectHealth(id: string): Promise<ContainerHealth> {
    const info = await this.call(`inspect ${id}`, () => this.docker.getContainer(id).inspect());
    const health = info.State.Health?.Status;
    return {
      state: asContainerState(info.State.Status),
      health: health === 'healthy' || health === 'unhealthy' || health === 'starting' ? health : 'none',
      exitCode: info.State.ExitCode,
      restartCount: info.RestartCount,
    };
  }

  /**
   * Joins a container (the manager itself, when it runs in a container) to one of our networks under
   * an alias; a no-op when it is already attached.
   */
  async connect(containerId: string, network: string, aliases: readonly string[]): Promise<void> {
    if (await this.address(containerId, network)) return;
    await this.call(`connect ${containerId} to ${network}`, () =>
      this.docker.getNetwork(network).connect({ Container: containerId, EndpointConfig: { Aliases: [...aliases] } }),
    );
  }

  /** The container's IP address on one of its networks: how a manager outside that network reaches it. */
  async address(id: string, network: string): Promise<string | undefined> {
    const info = await this.call(`inspect ${id}`, () => this.docker.getContainer(id).inspect());
    return info.NetworkSettings.Networks[network]?.IPAddress || undefined;
  }

  /** Log lines (stdout and stderr demultiplexed); with `follow`, until the signal aborts or the container stops. */
  logs(id: string, options: LogOptions = {}): AsyncIterable<LogLine> {
    return containerLogs(this.docker, id, options);
  }

  /** Runs a command (argv, no shell) in a running container; resolves with its exit code. */
  exec(id: string, cmd: readonly string[], options: ExecOptions = {}): Promise<number> {
    return execIn(this.docker, id, cmd, options);
  }

  /** Runs a tool container to completion (streams attached), always removed; see runToCompletion. */
  runToCompletion(spec: ToolRunSpec, streams: ToolRunStreams = {}): Promise<number> {
    return runToCompletion(this.docker, spec, streams);
  }

  /** Start, die and health events of this engine's managed containers; reconnects when the engine restarts. */
  events(subscription: EventSubscription): { close(): void } {
    const filters = { type: ['container' as const], event: ['start', 'die', 'health_status'], label: [MANAGED_LABEL] };
    const open = (signal: AbortSignal) =>
      this.call('subscribe to engine events', () => this.docker.getEvents({ filters, abortSignal: signal }));
    return watchEvents(open, subscription);
  }

  async stats(id: string): Promise<ContainerStats> {
    const stats = await this.call(`stats of ${id}`, () => this.docker.getContainer(id).stats({ stream: false }));
    const memory = stats.memory_stats;
    // cgroup v2 reports inactive_file, v1 total_inactive_file: page cache the kernel can drop anyway.
    const cache = num(memory.stats, 'inactive_file') || num(memory.stats, 'total_inactive_file');
    return { memoryUsageBytes: Math.max(0, (memory.usage ?? 0) - cache), memoryLimitBytes: memory.limit ?? 0 };
  }

  /** Full details of a container (by id, id prefix or name); undefined when there is none. */
  async inspectContainer(idOrName: string): Promise<ContainerDetails | undefined> {
    const info = await this.inspectOrUndefined(`inspect container ${idOrName}`, () =>
      this.docker.getContainer(idOrName).inspect(),
    );
    return info && toContainerDetails(info);
  }

  /** An image's id, tags and configuration; undefined when the engine does not have it. */
  async inspectImage(ref: string): Promise<ImageDetails | undefined> {
    const info = await this.inspectOrUndefined(`inspect image ${ref}`, () => this.docker.getImage(ref).inspect());
    return info && toImageDetails(info);
  }

  /**
   * Creates a container from a plain create body (one built from another container's details, or a
   * helper's), then connects the other networks; returns its id. Removes it again if a connect fails.
   */
  createFromSpec(spec: EngineCreateSpec, connect: readonly NetworkEndpoint[] = []): Promise<string> {
    return createFromSpec(this.docker, spec, connect);
  }

  /** An inspect's JSON, or undefined when the object does not exist. */
  private async inspectOrUndefined(what: string, inspect: () => Promise<unknown>): Promise<Json | undefined> {
    try {
      return asJson(await inspect());
    } catch (error) {
      const typed = toEngineError(error, what);
      if (typed instanceof EngineNotFoundError) return undefined;
      throw typed;
    }
  }

  private async ignoreNotFound(what: string, action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
    } catch (error) {
      const typed = toEngineError(error, what);
      if (!(typed instanceof EngineNotFoundError)) throw typed;
    }
  }

  private async ignoreNotModified(what: string, action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
    } catch (error) {
      if (!isNotModified(error)) throw toEngineError(error, what);
    }
  }
}
