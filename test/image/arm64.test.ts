/**
 * The arm64 appliance image, booted here under qemu-user emulation: proof that the arm64 build works,
 * not a promise. Build it first: scripts/image/build.sh --arch arm64 (tag from APPLIANCE_IMAGE_ARM64,
 * default tiers-lieux/appliance:dev-arm64); emulation comes from scripts/provision/arm64.sh.
 * One boot (the image tier's time is counted); removes exactly what it created, even on failure.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { bootAppliance, logsOf, notHealthy, removeCreated } from '../support/appliance-boot';
import { docker, dockerOk } from '../support/docker-cli';

const IMAGE = process.env.APPLIANCE_IMAGE_ARM64 || 'tiers-lieux/appliance:dev-arm64';
const BINFMT = '/proc/sys/fs/binfmt_misc/qemu-aarch64';
/** Emulation makes the start several times slower than native (the amd64 test allows 90 s). */
const HEALTHY_WITHIN_MS = 300_000;
const RUN_ID = `${process.pid}-${Date.now().toString(36)}`;

const containers: string[] = [];
const volumes: string[] = [];

describe('appliance image, arm64 (emulated)', () => {
  before(async () => {
    assert.ok(
      existsSync(BINFMT) && readFileSync(BINFMT, 'utf8').startsWith('enabled'),
      `this machine cannot run arm64 binaries (${BINFMT} missing or disabled): run scripts/provision/arm64.sh`,
    );
    const r = await docker(['image', 'inspect', '--format', '{{.Architecture}}', IMAGE]);
    assert.equal(r.code, 0, `image ${IMAGE} not found: build it with scripts/image/build.sh --arch arm64`);
    assert.equal(r.stdout.trim(), 'arm64', `${IMAGE} is built for ${r.stdout.trim()}, not arm64`);
  });

  after(async () => {
    await removeCreated(containers, volumes);
  });

  it('boots with --platform linux/arm64 to a healthy manager on aarch64 that prints its token and serves the wizard', async (t) => {
    const boot = await bootAppliance(IMAGE, `tl-image-arm64-${RUN_ID}`, `tl-image-arm64-data-${RUN_ID}`, {
      timeoutMs: HEALTHY_WITHIN_MS,
      platform: 'linux/arm64',
      onCreated: (kind, id) => (kind === 'volume' ? volumes : containers).push(id),
    });
    if (boot.state !== 'running healthy') assert.fail(await notHealthy(boot, HEALTHY_WITHIN_MS));
    t.diagnostic(`arm64 (emulated) healthy ${(boot.healthyMs / 1000).toFixed(1)} s after docker run`);

    assert.equal((await dockerOk(['exec', boot.name, 'uname', '-m'])).trim(), 'aarch64');
    assert.match(await logsOf(boot.name), /setup token: \S+/, 'the first start prints the setup token');

    const base = `http://127.0.0.1:${boot.port}`;
    const page = await fetch(`${base}/`, { signal: AbortSignal.timeout(30_000) });
    assert.equal(page.status, 200, `GET / answered ${page.status}`);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await page.text(), /<script[^>]+type="module"/, 'the wizard page loads the web app');
    const status = await fetch(`${base}/api/setup/status`, { signal: AbortSignal.timeout(30_000) });
    assert.equal(status.status, 200, `GET /api/setup/status answered ${status.status}`);
    assert.deepEqual(await status.json(), { completed: false });
  });
});
