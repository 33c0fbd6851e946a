/**
 * The appliance image, as a volunteer runs it: Debian's docker client against the real engine.
 * Build the image first: scripts/image/build.sh (tag from APPLIANCE_IMAGE, default tiers-lieux/appliance:dev).
 * Removes exactly the containers and volumes it created, even when a test fails.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { DOCKER, docker, dockerOk } from '../support/docker-cli';
import { bootAppliance, logsOf, notHealthy, removeCreated, SOCKET_MOUNT } from '../support/appliance-boot';
import { eventually } from '../support/eventually';

const IMAGE = process.env.APPLIANCE_IMAGE || 'tiers-lieux/appliance:dev';
const HEALTHY_WITHIN_MS = 90_000;
const RUN_ID = `${process.pid}-${Date.now().toString(36)}`;

/** Everything this file creates, removed by name in `after`. */
const containers: string[] = [];
const volumes: string[] = [];
/** The container of the healthy run, for the health check's own test. */
let running = '';

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  assert.equal(res.status, 200, `GET ${url} answered ${res.status}`);
  return res.json();
}

describe('appliance image', () => {
  before(async () => {
    assert.ok(existsSync(DOCKER), `${DOCKER} is missing: install Debian's docker.io (scripts/provision/dockerd.sh)`);
    const info = await docker(['version', '--format', '{{.Server.Version}}']);
    assert.equal(info.code, 0, `no Docker engine answers: run scripts/provision/dockerd.sh (${info.stderr.trim()})`);
    assert.ok(
      existsSync('/var/run/docker.sock'),
      'the engine must listen on /var/run/docker.sock (mounted into the image)',
    );
  });

  after(async () => {
    await removeCreated(containers, volumes);
  });

  it('exists, built beforehand by scripts/image/build.sh; prints its size', async (t) => {
    const r = await docker(['image', 'inspect', '--format', '{{.Size}} {{.Id}}', IMAGE]);
    assert.equal(
      r.code,
      0,
      `image ${IMAGE} not found: build it first with scripts/image/build.sh (${r.stderr.trim()})`,
    );
    const [size, id] = r.stdout.trim().split(' ');
    const labels = JSON.parse(
      await dockerOk(['image', 'inspect', '--format', '{{json .Config.Labels}}', IMAGE]),
    ) as Record<string, string>;
    t.diagnostic(
      `${IMAGE} ${id.slice(7, 19)}: ${size} bytes (${Math.round(Number(size) / 1e6)} MB), ` +
        `version ${labels['org.opencontainers.image.version']}`,
    );
    assert.ok(Number(size) > 0);
    assert.ok(labels['org.opencontainers.image.version'], 'the image carries its version as an OCI label');
  });

  it('without the Docker socket: exits non-zero and its log names the missing mount', async () => {
    const name = `tl-image-test-nosock-${RUN_ID}`;
    containers.push(name);
    const run = await docker(['run', '--pull', 'never', '--name', name, IMAGE], { timeoutMs: 60_000 });
    assert.notEqual(run.code, 0, 'the container must refuse to start without the socket');
    assert.equal(run.code, 64, `exit code 64 (usage) expected, got ${run.code}`);
    const log = await logsOf(name);
    assert.ok(log.includes(`-v ${SOCKET_MOUNT}`), `the log must name the mount to add; it was:\n${log}`);
  });

  it('with the socket and a fresh volume: healthy, setup token in the log, Docker reachable as non-root', async (t) => {
    const boot = await bootAppliance(IMAGE, `tl-image-test-run-${RUN_ID}`, `tl-image-test-data-${RUN_ID}`, {
      timeoutMs: HEALTHY_WITHIN_MS,
      onCreated: (kind, id) => (kind === 'volume' ? volumes : containers).push(id),
    });
    const { name, port } = boot;
    if (boot.state !== 'running healthy') assert.fail(await notHealthy(boot, HEALTHY_WITHIN_MS));
    t.diagnostic(`healthy ${(boot.healthyMs / 1000).toFixed(1)} s after docker run`);

    const log = await logsOf(name);
    assert.match(log, /setup token: \S+/, 'the first start prints the setup token');

    const base = `http://127.0.0.1:${port}`;
    const health = (await getJson(`${base}/api/health`)) as {
      status: string;
      checks: Record<string, { status: string }>;
    };
    assert.equal(
      health.checks.docker?.status,
      'up',
      `the manager reaches the engine through the socket: ${JSON.stringify(health)}`,
    );
    assert.equal(health.status, 'ok', JSON.stringify(health));
    assert.deepEqual(await getJson(`${base}/api/setup/status`), { completed: false });

    // The manager (and its redis-server) run as the unprivileged `appliance` user, not root.
    const top = await dockerOk(['top', name, '-eo', 'uid,pid,args']);
    const manager = top.split('\n').find((line) => line.includes('/app/server/dist/main.js') && !line.includes('tini'));
    assert.ok(manager, `no manager process in docker top:\n${top}`);
    assert.notEqual(manager.trim().split(/\s+/)[0], '0', `the manager runs as root:\n${top}`);
    running = name;
  });

  it('health check: a manager that stops answering turns unhealthy through the pauses, then healthy again', async () => {
    assert.ok(running, 'needs the healthy container of the test above');
    const health = () => dockerOk(['inspect', '--format', '{{.State.Health.Status}}', running]);
    // Signalled from inside (docker exec runs as root there): the engine's pids need not be this host's.
    // `mai[n]` keeps this very shell, whose command line holds the pattern, from matching itself.
    const signal = (sig: string) =>
      dockerOk([
        'exec',
        running,
        'sh',
        '-c',
        // pid 1 is tini, whose command line holds the manager's too.
        `for p in /proc/[0-9]*; do n=\${p#/proc/}; [ "$n" != 1 ] && grep -q 'server/dist/mai[n][.]js' "$p/cmdline" 2>/dev/null && kill -${sig} "$n" && echo "$n"; done; true`,
      ]);
    // Stopped, not dead: it accepts connections (the kernel does) but never answers, the worst case.
    assert.match(await signal('STOP'), /^\d+$/, 'exactly one manager process, stopped');
    try {
      await eventually(async () => (await health()) === 'unhealthy', 'unhealthy once the manager is frozen', {
        timeoutMs: 120_000,
        intervalMs: 1000,
      });
      const log = await dockerOk(['inspect', '--format', '{{range .State.Health.Log}}{{.Output}}{{end}}', running]);
      assert.match(log, /GET \/api\/health: no answer/, log);
    } finally {
      await signal('CONT');
    }
    await eventually(async () => (await health()) === 'healthy', 'healthy again once it answers', {
      timeoutMs: 60_000,
      intervalMs: 500,
    });
  });
});
