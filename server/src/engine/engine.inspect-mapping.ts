import { asContainerState, num, str } from './engine.container-spec';
import type {
  ContainerDetails,
  EngineHostConfig,
  EngineRunConfig,
  ImageDetails,
  MountPoint,
  NetworkEndpoint,
} from './engine.types';

/** Pure mappings from the engine's inspect JSON to our types (kept out of the repository, which only calls). */
export type Json = Record<string, unknown>;
export const asJson = (value: unknown): Json => (typeof value === 'object' && value !== null ? (value as Json) : {});
export const strings = (value: unknown): string[] | null =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : null;

/** An inspect's `Config` (container or image) → the plain run configuration. */
export function toRunConfig(raw: unknown): EngineRunConfig {
  const config = asJson(raw);
  const health = config.Healthcheck;
  return {
    Env: strings(config.Env) ?? [],
    Cmd: strings(config.Cmd),
    Entrypoint: strings(config.Entrypoint),
    Labels: { ...(asJson(config.Labels) as Record<string, string>) },
    WorkingDir: str(config, 'WorkingDir'),
    User: str(config, 'User'),
    Healthcheck: health && typeof health === 'object' ? { ...(health as EngineRunConfig['Healthcheck']) } : null,
    ExposedPorts: { ...(asJson(config.ExposedPorts) as EngineRunConfig['ExposedPorts']) },
    StopSignal: str(config, 'StopSignal') || null,
    StopTimeout: typeof config.StopTimeout === 'number' ? config.StopTimeout : null,
  };
}

export function toMountPoint(raw: unknown): MountPoint {
  const mount = asJson(raw);
  const type = str(mount, 'Type');
  return {
    kind: type === 'volume' || type === 'bind' ? type : 'other',
    source: type === 'volume' ? str(mount, 'Name') : str(mount, 'Source'),
    target: str(mount, 'Destination'),
    readOnly: mount.RW === false,
  };
}

export function toNetworkEndpoints(raw: unknown): NetworkEndpoint[] {
  return Object.entries(asJson(raw)).map(([name, endpoint]) => ({
    name,
    aliases: strings(asJson(endpoint).Aliases) ?? [],
  }));
}

/** A container inspect → ContainerDetails. */
export function toContainerDetails(info: Json): ContainerDetails {
  const state = asJson(info.State);
  const health = asJson(state.Health);
  const probes = Array.isArray(health.Log) ? health.Log : [];
  const healthStatus = str(health, 'Status');
  const lastOutput = str(asJson(probes[probes.length - 1]), 'Output').trim();
  const config = asJson(info.Config);
  return {
    id: str(info, 'Id'),
    name: str(info, 'Name').replace(/^\//, ''),
    imageRef: str(config, 'Image'),
    imageId: str(info, 'Image'),
    state: asContainerState(str(state, 'Status')),
    health:
      healthStatus === 'healthy' || healthStatus === 'unhealthy' || healthStatus === 'starting' ? healthStatus : 'none',
    lastHealthOutput: lastOutput ? lastOutput.slice(-500) : undefined,
    exitCode: num(state, 'ExitCode'),
    restartCount: num(info, 'RestartCount'),
    config: toRunConfig(config),
    hostConfig: { ...(asJson(info.HostConfig) as EngineHostConfig) },
    mounts: (Array.isArray(info.Mounts) ? info.Mounts : []).map(toMountPoint),
    networks: toNetworkEndpoints(asJson(info.NetworkSettings).Networks),
  };
}

/** An image inspect → ImageDetails. */
export function toImageDetails(info: Json): ImageDetails {
  return {
    id: str(info, 'Id'),
    repoTags: strings(info.RepoTags) ?? [],
    repoDigests: strings(info.RepoDigests) ?? [],
    config: toRunConfig(info.Config),
  };
}
