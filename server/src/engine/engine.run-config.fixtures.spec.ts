import type { EngineRunConfig } from './engine.types';

/** An image's or a container's run configuration with nothing set, for fakes and fixtures. */
export function runConfig(overrides: Partial<EngineRunConfig> = {}): EngineRunConfig {
  return {
    Env: [],
    Cmd: null,
    Entrypoint: null,
    Labels: {},
    WorkingDir: '',
    User: '',
    Healthcheck: null,
    ExposedPorts: {},
    StopSignal: null,
    StopTimeout: null,
    ...overrides,
  };
}
