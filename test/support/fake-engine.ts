import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { CADDY_LOAD_COMMAND, CADDY_READ_CONFIG_COMMAND } from '../../server/src/catalog/caddy.catalog';
import { POSTGRES_INIT_COMMAND } from '../../server/src/catalog/postgres.catalog';
import { EngineConflictError, EngineError, EngineNotFoundError } from '../../server/src/engine/engine.errors';
import {
  LABELS,
  isOwnedBy,
  type ActualContainer,
  type ContainerState,
  type DesiredContainer,
  type EngineInfo,
  type ExecOptions,
  type HealthStatus,
  type ImageDetails,
  type Labels,
  type OwnedInfrastructure,
} from '../../server/src/engine/engine.types';
import { runConfig } from '../../server/src/engine/engine.run-config.fixtures.spec';

interface FakeContainer {
  id: string;
  name: string;
  serviceId: string;
  image: string;
  configHash: string;
  labels: Labels;
  state: ContainerState;
  health: HealthStatus;
  volumes: string[];
  networks: string[];
}

const sameCommand = (a: readonly string[], b: readonly string[]) => JSON.stringify(a) === JSON.stringify(b);
const imageId = (ref: string) => `sha256:${createHash('sha256').update(ref).digest('hex')}`;
const names = (sql: string, pattern: RegExp) => [...sql.matchAll(pattern)].map((m) => m[1]).sort();

/**
 * A container engine in memory for the medium tier: containers, volumes, networks, images and the
 * databases inside the Postgres data volume. It keeps the engine's rules that ordering bugs break (a
 * volume in use cannot be removed, exec needs a running container, create needs its image, networks
 * and volumes) and records every change in order, as `<what> <name>` lines.
 */
export class FakeEngine {
  readonly calls: string[] = [];
  readonly containers = new Map<string, FakeContainer>();
  readonly volumes = new Map<string, Labels>();
  readonly networks = new Map<string, Labels>();
  readonly images = new Set<string>();
  /** Databases per Postgres data volume: they live and die with the volume, like the real ones. */
  readonly databases = new Map<string, Set<string>>();
  /** Containers of these images report unhealthy once started. */
  readonly unhealthyImages = new Set<string>();
  /** The next call of this kind fails (a crash half way through a plan). */
  private readonly failures = new Set<string>();
  private proxyConfig: unknown = null;
  private nextId = 1;

  private readonly gates = new Map<string, { reached: () => void; released: Promise<void> }>();

  /** The next call of this kind waits until released; `reached` resolves when it is waiting. */
  pause(call: string): { reached: Promise<void>; release: () => void } {
    let reached!: () => void;
    let release!: () => void;
    const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.gates.set(call, { reached, released });
    return { reached: reachedPromise, release };
  }

  private async gate(call: string): Promise<void> {
    const gate = this.gates.get(call);
    if (!gate) return;
    this.gates.delete(call);
    gate.reached();
    await gate.released;
  }

  failNext(call: string): void {
    this.failures.add(call);
  }

  /** Takes a container away without recording it (what a previous manager did before it died). */
  vanish(serviceId: string): void {
    for (const c of [...this.containers.values()]) if (c.serviceId === serviceId) this.containers.delete(c.id);
  }

  byService(serviceId: string): FakeContainer | undefined {
    return [...this.containers.values()].find((c) => c.serviceId === serviceId);
  }

  private record(call: string, kind: string): void {
    if (this.failures.delete(kind)) throw new EngineError(`${call}: injected failure`);
    this.calls.push(call);
  }

  private get(id: string): FakeContainer {
    const container = this.containers.get(id) ?? [...this.containers.values()].find((c) => c.name === id);
    if (!container) throw new EngineNotFoundError(`no such container ${id}`);
    return container;
  }

  info(): Promise<EngineInfo> {
    return Promise.resolve({ serverVersion: 'fake', totalMemoryBytes: 8 * 1024 ** 3, arch: 'x86_64', cpus: 2 });
  }

  listManaged(applianceId: string): Promise<ActualContainer[]> {
    const list = [...this.containers.values()].filter((c) => isOwnedBy(c.labels, applianceId));
    return Promise.resolve(
      list.map((c) => ({
        id: c.id,
        name: c.name,
        serviceId: c.serviceId,
        image: c.image,
        configHash: c.configHash,
        state: c.state,
        health: c.health,
        labels: c.labels,
        imageId: imageId(c.image),
      })),
    );
  }

  listOwnedInfrastructure(applianceId: string): Promise<OwnedInfrastructure> {
    const owned = <T>(map: Map<string, Labels>, pick: (name: string, labels: Labels) => T) =>
      [...map].filter(([, labels]) => isOwnedBy(labels, applianceId)).map(([name, labels]) => pick(name, labels));
    return Promise.resolve({
      networks: new Set(owned(this.networks, (name) => name)),
      volumes: new Set(owned(this.volumes, (name) => name)),
      volumeOwners: new Map(owned(this.volumes, (name, labels) => [name, labels[LABELS.service]] as const)),
    });
  }

  imageExists(ref: string): Promise<boolean> {
    return Promise.resolve(this.images.has(ref));
  }

  inspectImage(ref: string): Promise<ImageDetails | undefined> {
    const found = [...this.images].find((image) => image === ref || imageId(image) === ref);
    if (!found) return Promise.resolve(undefined);
    return Promise.resolve({ id: imageId(found), repoTags: [found], repoDigests: [], config: runConfig() });
  }

  async pullImage(ref: string, onProgress?: (percent: number, detail: string) => void): Promise<void> {
    await this.gate('pull');
    this.record(`pull ${ref}`, 'pull');
    this.images.add(ref);
    onProgress?.(100, ref);
  }

  createNetwork(name: string, _internal: boolean, labels: Labels): Promise<void> {
    this.record(`createNetwork ${name}`, 'createNetwork');
    this.networks.set(name, labels);
    return Promise.resolve();
  }

  ensureVolume(name: string, labels: Labels): Promise<void> {
    this.record(`createVolume ${name}`, 'createVolume');
    this.volumes.set(name, labels);
    return Promise.resolve();
  }

  removeVolume(name: string): Promise<void> {
    const user = [...this.containers.values()].find((c) => c.volumes.includes(name));
    if (user) return Promise.reject(new EngineConflictError(`remove volume ${name}: in use by ${user.name}`));
    this.record(`removeVolume ${name}`, 'removeVolume');
    this.volumes.delete(name);
    this.databases.delete(name);
    return Promise.resolve();
  }

  createContainer(desired: DesiredContainer): Promise<string> {
    if (!this.images.has(desired.image))
      return Promise.reject(new EngineNotFoundError(`no such image ${desired.image}`));
    if ([...this.containers.values()].some((c) => c.name === desired.name))
      return Promise.reject(new EngineConflictError(`name ${desired.name} in use`));
    const missing = [
      ...desired.networks.map((n) => n.name).filter((n) => !this.networks.has(n)),
      ...desired.volumes.map((v) => v.name).filter((v) => !this.volumes.has(v)),
    ];
    if (missing.length > 0)
      return Promise.reject(new EngineNotFoundError(`create ${desired.name}: no ${missing.join(', ')}`));
    this.record(`create ${desired.serviceId} ${desired.image}`, 'create');
    const id = `c${this.nextId++}`;
    this.containers.set(id, {
      id,
      name: desired.name,
      serviceId: desired.serviceId,
      image: desired.image,
      configHash: desired.configHash,
      labels: desired.labels,
      state: 'created',
      health: 'none',
      volumes: desired.volumes.map((v) => v.name),
      networks: desired.networks.map((n) => n.name),
    });
    return Promise.resolve(id);
  }

  start(id: string): Promise<void> {
    const c = this.get(id);
    this.record(`start ${c.serviceId}`, 'start');
    c.state = 'running';
    c.health = this.unhealthyImages.has(c.image) ? 'unhealthy' : 'healthy';
    return Promise.resolve();
  }

  stop(id: string): Promise<void> {
    const c = this.get(id);
    this.record(`stop ${c.serviceId}`, 'stop');
    c.state = 'exited';
    c.health = 'none';
    return Promise.resolve();
  }

  remove(id: string): Promise<void> {
    const c = this.containers.get(id);
    if (!c) return Promise.resolve();
    this.record(`remove ${c.serviceId}`, 'remove');
    this.containers.delete(id);
    return Promise.resolve();
  }

  rename(id: string, name: string): Promise<void> {
    const c = this.get(id);
    this.record(`rename ${c.serviceId} ${name}`, 'rename');
    c.name = name;
    return Promise.resolve();
  }

  exec(id: string, cmd: readonly string[], options: ExecOptions = {}): Promise<number> {
    const c = this.get(id);
    if (c.state !== 'running') return Promise.reject(new EngineConflictError(`exec in ${c.name}: not running`));
    const stdin = typeof options.stdin === 'string' ? options.stdin : '';
    if (sameCommand(cmd, POSTGRES_INIT_COMMAND)) {
      const volume = c.volumes[0];
      const databases = this.databases.get(volume) ?? new Set<string>();
      this.databases.set(volume, databases);
      const created = names(stdin, /CREATE DATABASE "([a-z0-9_]+)"/g);
      const dropped = names(stdin, /DROP DATABASE IF EXISTS "([a-z0-9_]+)"/g);
      if (created.length > 0) this.record(`databases create:${created.join(',')}`, 'databases');
      if (dropped.length > 0) this.record(`databases drop:${dropped.join(',')}`, 'databases');
      for (const name of created) databases.add(name);
      for (const name of dropped) databases.delete(name);
    } else if (cmd[0] === 'pg_restore') {
      return this.loadDump(c, cmd, options);
    } else if (sameCommand(cmd, CADDY_READ_CONFIG_COMMAND)) {
      options.stdout?.write(JSON.stringify(this.proxyConfig));
    } else if (sameCommand(cmd, CADDY_LOAD_COMMAND)) {
      this.record(`proxy load`, 'proxy');
      this.proxyConfig = JSON.parse(stdin) as unknown;
    } else {
      return Promise.reject(new EngineError(`exec ${cmd.join(' ')}: not known to the fake engine`));
    }
    return Promise.resolve(0);
  }

  /** pg_restore reading a dump on stdin: the database must exist (dropped and created just before). */
  private async loadDump(c: FakeContainer, cmd: readonly string[], options: ExecOptions): Promise<number> {
    const database = cmd[cmd.indexOf('--dbname') + 1];
    let bytes = 0;
    if (options.stdin instanceof Readable) for await (const chunk of options.stdin) bytes += (chunk as Buffer).length;
    if (!this.databases.get(c.volumes[0])?.has(database)) {
      options.stderr?.write(`pg_restore: error: database "${database}" does not exist\n`);
      return 1;
    }
    this.record(`databases load:${database} ${bytes} bytes`, 'databases');
    return 0;
  }

  address(id: string): Promise<string | undefined> {
    return Promise.resolve(`172.30.0.${this.get(id).id.slice(1)}`);
  }

  connect(): Promise<void> {
    return Promise.resolve();
  }

  events(): { close(): void } {
    return { close: () => undefined };
  }
}
