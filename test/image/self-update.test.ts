/**
 * Issue 5, acceptance 5: the manager updates itself through a helper container. Runs the appliance
 * image as a volunteer would (socket, fresh volume, published port), then moves its update channel
 * (APPLIANCE_UPDATE_IMAGE) to a newer local build, which must take over on the same port and volume,
 * and then to a build whose health check always fails, which must be rolled back with the reason shown.
 * Fixture images are built here from test/image/fixtures/ on top of the appliance image (built
 * beforehand by scripts/image/build.sh). Removes exactly the containers, tags and volume it created.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { login, type Session } from '../support/appliance';
import { REPO_ROOT, freePort } from '../support/server-process';
import { collectProblems, launchChromium, screenshot } from '../support/browser';
import { DOCKER, docker, dockerOk } from '../support/docker-cli';
import { eventually } from '../support/eventually';
import { setupPayload } from '../support/setup-payload';

/** Image and version of a status entry, after checking it names the digest the manager recorded. */
function reference(entry: { image: string; version: string | null; digest?: string | null } | null) {
  assert.ok(entry, 'no image in the status');
  assert.match(entry.digest ?? '', /^sha256:[0-9a-f]{64}$/, 'the status names the image digest');
  return { image: entry.image, version: entry.version };
}

const IMAGE = process.env.APPLIANCE_IMAGE || 'tiers-lieux/appliance:dev';
const FIXTURES = join(REPO_ROOT, 'test', 'image', 'fixtures');
const RUN_ID = Date.now().toString(36).slice(-6);
const NAME = `tl-su-${RUN_ID}`;
const VOLUME = `tl-su-data-${RUN_ID}`;
const REPO = `tl-su-${RUN_ID}/appliance`;
/** Our own tag of the appliance image, so a concurrent rebuild of IMAGE cannot change what runs. */
const BASE = `${REPO}:base`;
const GOOD = `${REPO}:newer`;
const BROKEN = `${REPO}:unhealthy`;
const CHANNEL = `${REPO}:channel`;
const HEALTH_TIMEOUT_SEC = 60;
const payload = setupPayload('');

const imageId = (ref: string) => dockerOk(['image', 'inspect', '--format', '{{.Id}}', ref]);

/** `<image id> <state> <health>` of a container, or '' when it does not exist. */
async function describeContainer(name: string): Promise<string> {
  const r = await docker(['inspect', '--format', '{{.Image}} {{.State.Status}} {{.State.Health.Status}}', name]);
  return r.code === 0 ? r.out : '';
}

/** Until the container named NAME runs `wantImage` and is healthy. */
async function waitManager(wantImage: string, timeoutMs: number): Promise<number> {
  const started = Date.now();
  let seen = '';
  try {
    await eventually(
      async () => (seen = await describeContainer(NAME)) === `${wantImage} running healthy`,
      `${NAME} runs ${wantImage}, healthy`,
      { timeoutMs, intervalMs: 500 },
    );
    return Date.now() - started;
  } catch {
    const logs = (await docker(['logs', '--tail', '40', NAME])).out;
    throw new Error(`${NAME} is "${seen}", not ${wantImage} healthy, after ${timeoutMs} ms; log tail:\n${logs}`);
  }
}

interface UpdateStatus {
  supported: boolean;
  reason: string | null;
  current: { image: string; version: string | null } | null;
  available: { image: string; version: string | null } | null;
  last: { state: string; reason: string | null; at: string; from: string; to: string } | null;
  updating: boolean;
  jobId: string | null;
}

describe('appliance image: self-update through a helper container', () => {
  let url = '';
  let session: Session;
  let baseId = '';
  let goodId = '';

  const status = async () =>
    (await request(url).get('/api/system/update').set('Cookie', session.cookie).expect(200)).body as UpdateStatus;
  const startUpdate = () =>
    request(url).post('/api/system/update').set('Cookie', session.cookie).set('x-csrf-token', session.csrf);

  /**
   * The manager is replaced, or put back, asynchronously: wait for the result of this attempt. The
   * session stays valid throughout (sessions live in the database, on the same volume).
   */
  async function waitLast(since: string | undefined, timeoutMs: number): Promise<UpdateStatus> {
    // The manager is being replaced: no answer for a while (retryOnError).
    return eventually(
      async () => {
        const s = await status();
        return s.last && s.last.at !== since && !s.updating && s;
      },
      'a new self-update result',
      { timeoutMs, intervalMs: 1000, retryOnError: true },
    );
  }

  before(async () => {
    assert.ok(
      existsSync(DOCKER),
      `${DOCKER} is missing: install Debian's Docker client and engine (scripts/provision/dockerd.sh)`,
    );
    assert.equal((await docker(['image', 'inspect', IMAGE])).code, 0, `build ${IMAGE} first: scripts/image/build.sh`);
    await dockerOk(['tag', IMAGE, BASE]);
    baseId = await imageId(BASE);
    const env = { ...process.env, DOCKER_BUILDKIT: '1' };
    const build = (file: string, tag: string) =>
      dockerOk(
        ['build', '--progress=plain', '--build-arg', `BASE=${BASE}`, '-f', join(FIXTURES, file), '-t', tag, FIXTURES],
        { timeoutMs: 180_000, env },
      );
    await Promise.all([build('self-update-newer.Dockerfile', GOOD), build('self-update-unhealthy.Dockerfile', BROKEN)]);
    goodId = await imageId(GOOD);

    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    await dockerOk(['volume', 'create', VOLUME]);
    await dockerOk([
      'run',
      '--detach',
      '--pull',
      'never',
      '--name',
      NAME,
      '--restart',
      'unless-stopped',
      '--volume',
      '/var/run/docker.sock:/var/run/docker.sock',
      '--volume',
      `${VOLUME}:/data`,
      '--publish',
      `127.0.0.1:${port}:8080`,
      '--env',
      `APPLIANCE_UPDATE_IMAGE=${CHANNEL}`,
      '--env',
      `APPLIANCE_UPDATE_HEALTH_TIMEOUT=${HEALTH_TIMEOUT_SEC}`,
      '--env',
      'APPLIANCE_UPDATE_CHECK_HOURS=0',
      BASE,
    ]);
    await waitManager(baseId, 90_000);
    const token = /setup token: (\S+)/.exec((await docker(['logs', NAME])).out)?.[1];
    assert.ok(token, 'no setup token in the log');
    await request(url)
      .post('/api/setup')
      .send({ ...setupPayload(token), features: [] })
      .expect(201);
    session = await login({ url });
  });

  after(async () => {
    for (const name of [`${NAME}-self-update`, NAME, `${NAME}-previous`]) {
      const r = await docker(['rm', '--force', name]);
      if (r.code !== 0 && !/No such container/i.test(r.out)) console.error(`cleanup: ${r.out}`);
    }
    for (const tag of [CHANNEL, GOOD, BROKEN, BASE]) {
      const r = await docker(['rmi', tag]);
      if (r.code !== 0 && !/No such image/i.test(r.out)) console.error(`cleanup: ${r.out}`);
    }
    const r = await docker(['volume', 'rm', '--force', VOLUME]);
    if (r.code !== 0) console.error(`cleanup: ${r.out}`);
  });

  it('shows the running version and nothing to update while the channel is empty', async () => {
    const s = await status();
    assert.equal(s.supported, true, s.reason ?? '');
    assert.deepEqual(reference(s.current), { image: BASE, version: '0.1.0' });
    assert.equal(s.available, null);
    assert.equal(s.last, null);
    await startUpdate().expect(409);
  });

  it('updates to a newer local tag: same name, port, volume and admin, on the new image', async (t) => {
    await dockerOk(['tag', GOOD, CHANNEL]);
    const before = await status();
    assert.deepEqual(reference(before.available), { image: CHANNEL, version: '9.9.9' });
    const started = Date.now();
    const res = await startUpdate().expect(202);
    const jobId = (res.body as { jobId: string }).jobId;
    await startUpdate().expect(409); // one at a time
    const healthyAfter = await waitManager(goodId, 180_000);
    const s = await waitLast(undefined, 60_000);
    t.diagnostic(
      `new manager healthy ${(healthyAfter / 1000).toFixed(1)} s after POST; result after ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    assert.equal(s.last?.state, 'succeeded', JSON.stringify(s.last));
    assert.equal(s.last?.reason, null);
    assert.deepEqual(reference(s.current), { image: CHANNEL, version: '9.9.9' });
    assert.equal(s.available, null);
    const job = await request(url).get(`/api/jobs/${jobId}`).set('Cookie', session.cookie).expect(200);
    assert.equal(job.body.state, 'succeeded', JSON.stringify(job.body));
    assert.equal(await describeContainer(`${NAME}-previous`), '', 'the old manager is removed');
    const env = await dockerOk(['inspect', '--format', '{{json .Config.Env}}', NAME]);
    assert.ok(env.includes(`APPLIANCE_UPDATE_IMAGE=${CHANNEL}`), `settings from docker run are kept: ${env}`);
    assert.ok(env.includes('APPLIANCE_VERSION=9.9.9'), `the new image's own environment wins: ${env}`);
    session = await login({ url }); // the admin, from the same volume
    const file = await dockerOk(['exec', NAME, 'stat', '-c', '%U %a', '/data/self-update/result.json']);
    assert.equal(file, 'appliance 600', "the result file is the appliance user's, private");
    const log = await dockerOk(['exec', NAME, 'cat', '/data/self-update/helper.log']);
    t.diagnostic(`helper log:\n${log}`);
  });

  it('rolls back a tag that never becomes healthy; the dashboard that started it says why', async (t) => {
    await dockerOk(['tag', BROKEN, CHANNEL]);
    const before = await status();
    assert.deepEqual(reference(before.available), { image: CHANNEL, version: '10.0.0' });
    const started = Date.now();
    const browser = await launchChromium();
    let jobId = '';
    try {
      const page = await browser.newPage();
      const problems = collectProblems(page);
      page.setDefaultTimeout(30_000);
      await page.goto(`${url}/`);
      await page.getByTestId('login-username').fill(payload.admin.username);
      await page.getByTestId('login-password').fill(payload.admin.password);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('self-update-available').waitFor();
      await page.getByTestId('self-update-start').click();
      const [posted] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/system/update') && r.request().method() === 'POST'),
        page.getByTestId('self-update-confirm-yes').click(),
      ]);
      assert.equal(posted.status(), 202);
      jobId = ((await posted.json()) as { jobId: string }).jobId;
      await page.getByTestId('self-update-progress').waitFor();
      // The page polls /api/health while the manager is away and reloads itself, then shows the outcome.
      const last = page.locator('[data-testid="self-update-last"][data-state="rolled-back"]');
      await last.waitFor({ timeout: 240_000 });
      const shown = await last.innerText();
      t.diagnostic(`dashboard ${((Date.now() - started) / 1000).toFixed(1)} s after the click: "${shown}"`);
      assert.match(shown, /rolled back.*health/is);
      await screenshot(page, 'self-update-rolled-back');
      const unexpected = problems.filter((p) => p.kind === 'pageerror');
      assert.deepEqual(unexpected, [], 'no uncaught error in the page');
    } finally {
      await browser.close();
    }
    const s = await waitLast(before.last?.at, 30_000);
    assert.equal(s.last?.state, 'rolled-back', JSON.stringify(s.last));
    assert.match(s.last?.reason ?? '', /health/i);
    t.diagnostic(`reason: ${s.last?.reason}`);
    assert.deepEqual(reference(s.current), { image: CHANNEL, version: '9.9.9' }, 'the previous manager runs again');
    await waitManager(goodId, 60_000);
    assert.equal(await describeContainer(`${NAME}-previous`), '', 'no container is left renamed');
    const job = await request(url).get(`/api/jobs/${jobId}`).set('Cookie', session.cookie).expect(200);
    assert.equal(job.body.state, 'failed');
    const error = job.body.error as { key: string; detail: string | null };
    assert.equal(error.key, 'rolledBack', JSON.stringify(error));
    assert.match(error.detail ?? '', /health/i);
    session = await login({ url });
  });
});
