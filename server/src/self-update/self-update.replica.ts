import type {
  ContainerDetails,
  EngineCreateSpec,
  EngineHostConfig,
  EngineMountSpec,
  EngineRunConfig,
  ImageDetails,
  Labels,
  NetworkEndpoint,
} from '../engine/engine.types';

/**
 * Pure: how to re-create the manager's container on another image, and how to create the helper that
 * does it. Nothing here talks to the engine.
 */

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The destination of a `-v source:destination[:options]` bind string. */
function bindTarget(bind: string): string {
  return bind.split(':')[1] ?? bind;
}

/**
 * A container's inspect merges its image's configuration into its own. Re-creating it on a new image
 * must carry over only what was chosen at `docker run` (environment, labels, command, health check...):
 * copying the rest would pin the old image's values (its version label, its APPLIANCE_VERSION, its
 * HEALTHCHECK) onto the new one. A value equal to the old image's is taken to be the image's.
 */
function ownRunConfig(container: EngineRunConfig, image: EngineRunConfig): Partial<EngineCreateSpec> {
  const imageEnv = new Set(image.Env);
  const labels = Object.fromEntries(Object.entries(container.Labels).filter(([k, v]) => image.Labels[k] !== v));
  const ports = Object.keys(container.ExposedPorts).filter((port) => !(port in image.ExposedPorts));
  const spec: Partial<EngineCreateSpec> = { Labels: labels };
  const env = container.Env.filter((entry) => !imageEnv.has(entry));
  if (env.length > 0) spec.Env = env;
  if (!same(container.Cmd, image.Cmd)) spec.Cmd = container.Cmd ?? [];
  if (!same(container.Entrypoint, image.Entrypoint)) spec.Entrypoint = container.Entrypoint ?? [];
  if (container.WorkingDir !== image.WorkingDir) spec.WorkingDir = container.WorkingDir;
  if (container.User !== image.User) spec.User = container.User;
  if (container.Healthcheck && !same(container.Healthcheck, image.Healthcheck))
    spec.Healthcheck = container.Healthcheck;
  if (ports.length > 0) spec.ExposedPorts = Object.fromEntries(ports.map((port) => [port, {}]));
  if (container.StopSignal && container.StopSignal !== image.StopSignal) spec.StopSignal = container.StopSignal;
  if (container.StopTimeout !== null) spec.StopTimeout = container.StopTimeout;
  return spec;
}

/**
 * The host configuration as it was, so ports, restart policy, memory, group additions and mounts stay
 * the same. Legacy links are dropped (the engine reports them in a form it does not accept back), and
 * an anonymous volume (the image's `VOLUME /data` with no `-v`) is mounted again by name: otherwise
 * the new container would start on a fresh, empty one.
 */
function carriedHostConfig(old: ContainerDetails): EngineHostConfig {
  const { Links: _links, ...host } = old.hostConfig;
  const mounts: EngineMountSpec[] = [...(host.Mounts ?? [])];
  const covered = new Set([...(host.Binds ?? []).map(bindTarget), ...mounts.map((m) => m.Target)]);
  for (const mount of old.mounts) {
    if (mount.kind !== 'volume' || covered.has(mount.target)) continue;
    mounts.push({ Type: 'volume', Source: mount.source, Target: mount.target, ReadOnly: mount.readOnly });
  }
  return { ...host, Mounts: mounts.length > 0 ? mounts : null };
}

/** Aliases the engine adds by itself (the short container id) are not carried over. */
function ownAliases(old: ContainerDetails, endpoint: NetworkEndpoint): string[] {
  const generated = new Set([old.id.slice(0, 12), old.id]);
  return endpoint.aliases.filter((alias) => !generated.has(alias));
}

export interface Replica {
  spec: EngineCreateSpec;
  /** Networks to join after create, before the first start. */
  connect: NetworkEndpoint[];
}

/**
 * The old manager's container, same name and settings, on `targetRef`. Networks: the same network
 * mode; a named one is given at create with its aliases, every other network the old one had joined
 * (the services' network, as `manager`) is joined again before the first start. `host`, `none` and
 * `container:` modes join nothing else.
 */
export function replicaOf(old: ContainerDetails, oldImage: ImageDetails, targetRef: string): Replica {
  const hostConfig = carriedHostConfig(old);
  const run = ownRunConfig(old.config, oldImage.config);
  const mode = hostConfig.NetworkMode ?? 'default';
  const isolated = mode === 'host' || mode === 'none' || mode.startsWith('container:');
  const primaryName = mode === 'default' ? 'bridge' : mode;
  const primary = isolated || primaryName === 'bridge' ? undefined : old.networks.find((n) => n.name === primaryName);
  const connect = isolated
    ? []
    : old.networks.filter((n) => n.name !== primaryName).map((n) => ({ name: n.name, aliases: ownAliases(old, n) }));
  return {
    spec: {
      name: old.name,
      Image: targetRef,
      ...run,
      Labels: run.Labels ?? {},
      HostConfig: hostConfig,
      NetworkingConfig: primary
        ? { EndpointsConfig: { [primary.name]: { Aliases: ownAliases(old, primary) } } }
        : undefined,
    },
    connect,
  };
}

export class HelperUnsupportedError extends Error {}

/** The engine mount that gives the manager `target` (its data directory, its socket), to give it to a sibling. */
export function mountOf(manager: ContainerDetails, target: string, what: string): EngineMountSpec {
  const mount = manager.mounts.find((m) => m.target === target);
  if (!mount || mount.kind === 'other') {
    throw new HelperUnsupportedError(
      `${what} (${target}) is not a volume or a host directory mounted into the manager`,
    );
  }
  return { Type: mount.kind, Source: mount.source, Target: target };
}

export interface HelperInput {
  manager: ContainerDetails;
  dataDir: string;
  /** The socket path inside the manager, or undefined when it reaches the engine over TCP. */
  socketPath: string | undefined;
  /** DOCKER_HOST as the manager has it, for the TCP case. */
  dockerHost: string | undefined;
  argv: readonly string[];
  labels: Labels;
}

/**
 * The helper: the manager's current image (known good, already here) running the recovery CLI's
 * `self-update-helper`, with the same socket and data mounts (taken from the engine's own record of the
 * manager, never from a request), no network when the socket is a unix socket, removed by the engine
 * when it exits.
 */
export function helperSpec(name: string, input: HelperInput): EngineCreateSpec {
  if (input.manager.hostConfig.AutoRemove) {
    // Stopped, it would be deleted by the engine: nothing left to roll back to.
    throw new HelperUnsupportedError('the manager was started with --rm; start it without to allow updates');
  }
  const mounts = [mountOf(input.manager, input.dataDir, 'the data directory')];
  if (input.socketPath) mounts.push(mountOf(input.manager, input.socketPath, 'the Docker socket'));
  const env = [`DATA_DIR=${input.dataDir}`];
  if (input.dockerHost) env.push(`DOCKER_HOST=${input.dockerHost}`);
  return {
    name,
    Image: input.manager.imageId,
    Cmd: ['appliance', 'self-update-helper', ...input.argv],
    Env: env,
    Labels: { ...input.labels },
    HostConfig: {
      AutoRemove: true,
      RestartPolicy: { Name: 'no' },
      Mounts: mounts,
      NetworkMode: input.socketPath ? 'none' : input.manager.hostConfig.NetworkMode,
      LogConfig: { Type: 'json-file', Config: { 'max-size': '1m' } },
    },
  };
}
