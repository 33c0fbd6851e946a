/**
 * One start of the appliance image as a volunteer runs it (the Docker socket and a fresh data volume),
 * waited on until Docker's own health check says `healthy`: shared by the image tests and the bench.
 * The caller removes `name` and `volume` (docker rm --force, docker volume rm) when done.
 */
import { docker, dockerOk } from './docker-cli';
import { eventually } from './eventually';
import { freePort } from './server-process';

export const SOCKET_MOUNT = '/var/run/docker.sock:/var/run/docker.sock';

export interface ApplianceBoot {
  name: string;
  volume: string;
  port: number;
  /** `docker run` to `healthy`, in ms (0 when it never became healthy). */
  healthyMs: number;
  /** The state seen last: `running healthy` when it worked. */
  state: string;
}

export async function logsOf(name: string): Promise<string> {
  const r = await docker(['logs', name]);
  return r.stdout + r.stderr;
}

/**
 * Runs IMAGE detached as `name` with a new volume `volume` and waits up to `timeoutMs` for healthy, or
 * for a state that will not become healthy (stopped, no health check). `onCreated` hears each name
 * (container, volume) as soon as it exists, so a failing caller still cleans it up.
 */
export async function bootAppliance(
  image: string,
  name: string,
  volume: string,
  opts: { timeoutMs: number; platform?: string; onCreated?: (kind: 'container' | 'volume', id: string) => void },
): Promise<ApplianceBoot> {
  await dockerOk(['volume', 'create', volume]);
  opts.onCreated?.('volume', volume);
  const port = await freePort();
  opts.onCreated?.('container', name);
  const platform = opts.platform ? ['--platform', opts.platform] : [];
  const started = Date.now();
  await dockerOk([
    'run',
    '--pull',
    'never',
    ...platform,
    '--detach',
    '--name',
    name,
    '--volume',
    SOCKET_MOUNT,
    '--volume',
    `${volume}:/data`,
    '--publish',
    `127.0.0.1:${port}:8080`,
    image,
  ]);
  let state = '';
  let healthyMs = 0;
  await eventually(
    async () => {
      state = await dockerOk([
        'inspect',
        '--format',
        '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}no-healthcheck{{end}}',
        name,
      ]);
      if (state === 'running healthy') healthyMs = Date.now() - started;
      return state === 'running healthy' || !state.startsWith('running') || state.endsWith('no-healthcheck');
    },
    'the container is healthy or settled',
    { timeoutMs: opts.timeoutMs, intervalMs: 250 },
  ).catch(() => undefined); // the state seen last is the caller's to report
  return { name, volume, port, healthyMs, state };
}

/** The failure message of a boot that did not reach healthy: its state and its log's tail. */
export async function notHealthy(boot: ApplianceBoot, timeoutMs: number): Promise<string> {
  const log = await logsOf(boot.name);
  return `not healthy within ${timeoutMs / 1000} s (state: ${boot.state}); log tail:\n${log.split('\n').slice(-40).join('\n')}`;
}

/** Removes the containers (with their anonymous volumes), then the named volumes: only these. */
export async function removeCreated(containers: string[], volumes: string[]): Promise<void> {
  for (const name of containers) {
    const r = await docker(['rm', '--force', '--volumes', name]);
    if (r.code !== 0 && !/No such container/i.test(r.stderr)) console.error(`cleanup: ${r.stderr.trim()}`);
  }
  for (const name of volumes) {
    const r = await docker(['volume', 'rm', '--force', name]);
    if (r.code !== 0) console.error(`cleanup: ${r.stderr.trim()}`);
  }
}
