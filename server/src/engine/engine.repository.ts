import { Inject, Injectable } from '@nestjs/common';
import Docker from 'dockerode';
import { Readable } from 'node:stream';
import { EngineConflictError, EngineError, EngineNotFoundError, isNotModified, toEngineError } from './engine.errors';
import { watchEvents } from './engine.events';
import {
  archiveGroups,
  asContainerState,
  containerCreateSpec,
  num,
  str,
  toActualContainer,
} from './engine.container-spec';
import { asJson, type Json, toContainerDetails, toImageDetails } from './engine.inspect-mapping';
import {
  FrameDemuxer,
  LineSplitter,
  PullProgressTracker,
  jsonLines,
  pumpExec,
  tarArchive,
  type PullMessage,
} from './engine.streams';
import {
  ENGINE_OPTIONS,
  LABELS,
  MANAGED_BY,
  isOwnedBy,
  type ActualContainer,
  type ContainerDetails,
  type ContainerHealth,
  type ContainerStats,
  type DesiredContainer,
  type EngineCreateSpec,
  type EngineInfo,
  type EngineOptions,
  type EventSubscription,
  type ExecOptions,
  type ImageDetails,
  type Labels,
  type LogLine,
  type LogOptions,
  type NetworkEndpoint,
  type PullProgress,
} from './engine.types';

const MANAGED_LABEL = `${LABELS.managedBy}=${MANAGED_BY}`;

function ownerFilters(applianceId: string): string[] {
  return [MANAGED_LABEL, `${LABELS.applianceId}=${applianceId}`];
}

/** The only place that talks to the container engine. Every error leaves it as a typed EngineError. */
@Injectable()
export class EngineRepository {
  private readonly docker: Docker;

  constructor(@Inject(ENGINE_OPTIONS) options: EngineOptions) {
    this.docker =
      'socketPath' in options
        ? new Docker({ socketPath: options.socketPath })
        : new Docker({ host: options.host, port: options.port, protocol: 'http' });
  }

  private async call<T>(what: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      throw toEngineError(error, what);
    }
  }

  async ping(): Promise<void> {
    await this.call('ping the engine', () => this.docker.ping());
  }

  async info(): Promise<EngineInfo> {
    const raw: unknown = await this.call('read engine info', () => this.docker.info());
    const record = (raw ?? {}) as Record<string, unknown>;
    return {
      serverVersion: str(record, 'ServerVersion'),
      totalMemoryBytes: num(record, 'MemTotal'),
      arch: str(record, 'Architecture'),
      cpus: num(record, 'NCPU'),
    };
  }

  async listManaged(applianceId: string): Promise<ActualContainer[]> {
    const list = await this.call('list containers', () =>
      this.docker.listContainers({ all: true, filters: { label: ownerFilters(applianceId) } }),
    );
    return list.filter((c) => isOwnedBy(c.Labels ?? {}, applianceId)).map(toActualContainer);
  }

  /** Names of this appliance's networks and volumes, so the planner skips creating them again. */
  async listOwnedInfrastructure(applianceId: string): Promise<{ networks: Set<string>; volumes: Set<string> }> {
    const filters = { label: ownerFilters(applianceId) };
    const [networks, volumes] = await this.call('list networks and volumes', () =>
      Promise.all([this.docker.listNetworks({ filters }), this.docker.listVolumes({ filters })]),
    );
    return {
      networks: new Set(networks.map((n) => n.Name)),
      volumes: new Set((volumes.Volumes ?? []).map((v) => v.Name)),
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
  async pullImage(ref: string, onProgress?: (percent: number, detail: string) => void): Promise<void> {
    if (!/[:@][^/]+$/.test(ref)) throw new EngineError(`pull ${ref}: the reference must name a tag or digest`);
    const stream = await this.call(`pull ${ref}`, () => this.docker.pull(ref));
    const tracker = new PullProgressTracker();
    await this.call(`pull ${ref}`, async () => {
      for await (const value of jsonLines(stream as AsyncIterable<Buffer | string>)) {
        const message = value as PullMessage;
        // The engine reports a failed pull inside a 200 stream, not as an HTTP error.
        if (message.error) throw new EngineError(`pull ${ref}: ${message.errorDetail?.message ?? message.error}`);
        const progress: PullProgress = tracker.update(message);
        onProgress?.(progress.percent, progress.detail);
      }
    });
    onProgress?.(100, `pulled ${ref}`);
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
  async createContainer(desired: DesiredContainer): Promise<string> {
    const groups = archiveGroups(
      desired.files,
      desired.volumes.map((v) => v.target),
    );
    return this.createConnected(desired.name, containerCreateSpec(desired), desired.networks.slice(1), async (c) => {
      for (const group of groups) {
        await this.call(`write files into ${desired.name}:${group.root}`, () =>
          c.putArchive(tarArchive(group.files), { path: group.root }),
        );
      }
    });
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
  async *logs(id: string, options: LogOptions = {}): AsyncIterable<LogLine> {
    const container = this.docker.getContainer(id);
    const base = { stdout: true, stderr: true, tail: options.tail ?? 200 };
    const demux = new FrameDemuxer();
    const lines = new LineSplitter();
    const source: AsyncIterable<Buffer | string> = options.follow
      ? await this.call(`follow logs of ${id}`, () =>
          container.logs({ ...base, follow: true, abortSignal: options.signal }),
        )
      : Readable.from([await this.call(`read logs of ${id}`, () => container.logs({ ...base, follow: false }))]);
    try {
      for await (const chunk of source) {
        for (const frame of demux.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)))
          yield* lines.push(frame.stream, frame.payload);
      }
    } catch (error) {
      if (!options.signal?.aborted) throw toEngineError(error, `read logs of ${id}`);
    }
    yield* lines.flush();
  }

  /** Runs a command (argv, no shell) in a running container; resolves with its exit code. */
  async exec(id: string, cmd: readonly string[], options: ExecOptions = {}): Promise<number> {
    const container = this.docker.getContainer(id);
    const withStdin = options.stdin !== undefined;
    const exec = await this.call(`exec in ${id}`, () =>
      container.exec({
        Cmd: [...cmd],
        AttachStdin: withStdin,
        AttachStdout: true,
        AttachStderr: true,
        User: options.user,
      }),
    );
    const stream = await this.call(`exec in ${id}`, () => exec.start({ hijack: true, stdin: withStdin }));
    await this.call(`exec in ${id}`, () => pumpExec(stream, options));
    for (let attempt = 0; attempt < 50; attempt++) {
      const info = await this.call(`inspect exec in ${id}`, () => exec.inspect());
      if (!info.Running && info.ExitCode !== null) return info.ExitCode;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new EngineError(`exec in ${id}: the command did not report an exit code`);
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
    return this.createConnected(spec.name, { ...spec }, connect);
  }

  /**
   * Creates a container, connects its other networks and runs `prepare` (files to write before the
   * first start); removes it again if any of that fails, so no half-made container is left behind.
   */
  private async createConnected(
    name: string,
    body: object,
    connect: readonly NetworkEndpoint[],
    prepare: (container: Docker.Container) => Promise<void> = () => Promise.resolve(),
  ): Promise<string> {
    const options = body as Docker.ContainerCreateOptions;
    const container = await this.call(`create container ${name}`, () => this.docker.createContainer(options));
    try {
      for (const network of connect) {
        await this.call(`connect ${name} to ${network.name}`, () =>
          this.docker.getNetwork(network.name).connect({
            Container: container.id,
            EndpointConfig: network.aliases.length > 0 ? { Aliases: [...network.aliases] } : {},
          }),
        );
      }
      await prepare(container);
      return container.id;
    } catch (error) {
      await container.remove({ force: true }).catch(() => undefined);
      throw toEngineError(error, `create container ${name}`);
    }
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
