import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { fr } from '../../web/src/lib/i18n/fr';
import { journey, screenshot, type BrowserProblem } from '../support/browser';
import { eventually } from '../support/eventually';
import { freePort, type ServerProcess } from '../support/server-process';
import {
  endApplianceJourney,
  launchDashboardPage,
  logIn,
  startApplianceWithoutFeatures,
} from '../support/e2e-appliance';
import { setupPayload } from '../support/setup-payload';
import { jobError, type JobView, matrixLogin } from '../support/appliance';

const INSTALL_TIMEOUT_MS = 120_000;

/** A GET through the appliance's own Caddy, with the public host name of a service (fetch cannot set Host). */
function viaProxy(port: number, host: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('features on the dashboard (built app, real engine, headless Debian Chromium, French)', () => {
  let server: ServerProcess | undefined;
  let proxyPort = 0;
  let applianceId = '';
  let cookie = '';
  let browser: Browser | undefined;
  let page: Page;
  let problems: BrowserProblem[] = [];
  const requests: string[] = [];
  /** When the page asked for the features list (ms since epoch). */
  const listedAt: number[] = [];
  const payload = setupPayload('');
  /** One step of the journey; they run in order, each on where the previous one left the page. */
  const { step, finished: journeyFinished } = journey(it);

  before(async () => {
    proxyPort = await freePort();
    // Setup through the API, nothing enabled: the dashboard does the rest.
    ({ cookie, applianceId } = await startApplianceWithoutFeatures('e2e-features', (s) => (server = s), proxyPort));

    ({ browser, page, problems } = await launchDashboardPage('fr-FR', {
      permissions: ['clipboard-read', 'clipboard-write'],
    }));
    page.on('request', (req) => {
      requests.push(req.url());
      if (req.url() === `${url()}/api/features`) listedAt.push(Date.now());
    });
  });

  after(() => endApplianceJourney('e2e-features', journeyFinished(), { browser, page, server, applianceId }));

  const byId = (id: string) => page.getByTestId(id);
  const text = async (id: string) => ((await byId(id).textContent()) ?? '').trim();
  const url = () => server?.url ?? '';

  step('logs in and sees the pad not enabled, with only an Enable action', async () => {
    await page.goto(`${url()}/`);
    await byId('login').waitFor();
    await logIn(page, payload.admin);
    await byId('feature-card-pad').waitFor();
    const card = byId('feature-card-pad');
    assert.equal(await card.getAttribute('data-enabled'), 'false');
    assert.equal(await card.getAttribute('data-state'), 'disabled');
    assert.equal(await text('feature-state-pad'), fr['features.disabled']);
    assert.equal(await text('feature-action-pad-enable'), fr['features.action.enable']);
    assert.deepEqual(
      await card.locator('[data-testid^="feature-action-pad-"]').evaluateAll((els) => els.map((e) => e.dataset.testid)),
      ['feature-action-pad-enable'],
    );
  });

  step('enables the pad: a progress bar follows the job live over server-sent events', async () => {
    // Every value the bar and its detail take, as the page shows them.
    await page.evaluate(() => {
      const seen: string[] = [];
      Object.assign(window, { progressSeen: seen });
      new MutationObserver(() => {
        const bar = document.querySelector('[data-testid="job-progress-pad"]');
        const detail = document.querySelector('[data-testid="job-detail-pad"]')?.textContent ?? '';
        const entry = `${bar?.getAttribute('aria-valuenow')}|${detail.trim()}`;
        if (bar && seen[seen.length - 1] !== entry) seen.push(entry);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await byId('feature-action-pad-enable').click();
    const bar = byId('job-progress-pad');
    await bar.waitFor();
    assert.equal(await bar.getAttribute('role'), 'progressbar');
    assert.ok(
      requests.some((u) => /\/api\/jobs\/[0-9a-f-]{36}\/events$/.test(u)),
      `the job is followed over SSE: ${requests.join(', ')}`,
    );
    await page.locator('[data-testid="job-progress-pad"]:not([aria-valuenow="0"])').waitFor({ timeout: 60_000 });
    await screenshot(page, 'e2e-features-progress');
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    const values = seen.map((entry) => Number(entry.split('|')[0]));
    assert.ok(
      values.every((v) => v >= 0 && v <= 100),
      seen.join(' / '),
    );
    assert.ok(new Set(values).size >= 2, `the bar moved: ${seen.join(' / ')}`);
    assert.ok(
      seen.some((entry) => !entry.endsWith(`|${fr['jobs.stage.queued']}`) && !entry.endsWith('|')),
      `the job's own detail is shown: ${seen.join(' / ')}`,
    );
    assert.ok(
      seen.some((entry) => /\|(Création|Démarrage|Attente|Configuration)/.test(entry)),
      `the job's steps are shown in French: ${seen.join(' / ')}`,
    );
  });

  step('after a reload mid-install, polls the list every 3 s until the card turns running', async () => {
    await page.reload();
    const card = byId('feature-card-pad');
    await card.waitFor();
    assert.equal(await card.getAttribute('data-state'), 'installing', 'still installing: waiting for health checks');
    assert.equal(await text('feature-state-pad'), fr['features.state.installing']);
    // This page did not start the job, so the buttons stay usable; the server refuses with 409 and says why.
    await byId('feature-action-pad-stop').click();
    assert.equal(
      await text('feature-action-error-pad'),
      fr['features.actionFailed'].replace('{reason}', fr['features.busy']),
    );
    const from = listedAt.length;
    await page
      .locator('[data-testid="feature-card-pad"][data-state="running"]')
      .waitFor({ timeout: INSTALL_TIMEOUT_MS });
    // The install still waits for its first health check (30 s): every gap must be ~3 s, never the idle 10 s.
    const polls = listedAt.slice(from - 1);
    const gaps = polls.slice(1).map((at, i) => at - polls[i]);
    assert.ok(
      gaps.length >= 4 && Math.max(...gaps) < 6_000,
      `GET /api/features gaps while installing: ${gaps.join(', ')} ms`,
    );

    assert.equal(await card.getAttribute('data-enabled'), 'true');
    assert.equal(await byId('job-progress-pad').count(), 0);
    assert.equal(await byId('job-error-pad').count(), 0);
    assert.equal(await byId('feature-action-error-pad').count(), 0, 'the refusal went with the state it was about');
    assert.equal(await text('feature-state-pad'), fr['features.state.running']);
    await byId('feature-health-pad').waitFor();
    assert.equal(await text('feature-url-pad'), `pad.${payload.domain}`);
    for (const action of ['stop', 'restart', 'update', 'logs', 'disable']) {
      assert.equal(await text(`feature-action-pad-${action}`), fr[`features.action.${action}` as keyof typeof fr]);
    }
    await screenshot(page, 'e2e-features-running');
  });

  step('follows a quick job (update, already up to date) to its end, then refreshes the card', async () => {
    const accepted = page.waitForResponse((r) => r.url() === `${url()}/api/features/pad/actions/update`);
    await byId('feature-action-pad-update').click();
    const response = await accepted;
    assert.equal(response.status(), 202);
    const { jobId } = (await response.json()) as { jobId: string };
    await eventually(() => requests.includes(`${url()}/api/jobs/${jobId}/events`), 'the job stream opens');
    const opened = requests.lastIndexOf(`${url()}/api/jobs/${jobId}/events`);
    await byId('job-progress-pad').waitFor({ state: 'detached' });
    await eventually(() => requests.slice(opened).includes(`${url()}/api/features`), 'the list is refreshed');
    const job = (await (await fetch(`${url()}/api/jobs/${jobId}`, { headers: { cookie } })).json()) as {
      state: string;
    };
    assert.equal(job.state, 'succeeded');
    assert.equal(await byId('job-error-pad').count(), 0);
    // The result is a key the page translates: nothing to update here.
    assert.equal(await text('job-result-pad'), fr['jobs.result.upToDate']);
    await page.locator('[data-testid="feature-action-pad-update"]:enabled').waitFor();
    assert.equal(await byId('feature-card-pad').getAttribute('data-state'), 'running');
  });

  step('opens the logs viewer: the tail, then new lines as they are written', async () => {
    await byId('feature-action-pad-logs').click();
    const viewer = byId('logs-pad');
    await viewer.waitFor();
    await viewer.getByTestId('log-line').first().waitFor();
    await page.locator('[data-testid="logs-status-pad"][data-status="live"]').waitFor();
    const before = await viewer.getByTestId('log-line').count();
    // A request through Caddy to the pad makes its container write a line, which must arrive live.
    assert.equal(await viaProxy(proxyPort, `pad.${payload.domain}`, '/e2e-follow-probe'), 404);
    await viewer.getByTestId('log-line').filter({ hasText: '/e2e-follow-probe' }).waitFor();
    assert.ok((await viewer.getByTestId('log-line').count()) > before);
    assert.equal(await byId('logs-follow-pad').isChecked(), true);
    await screenshot(page, 'e2e-features-logs');

    await byId('logs-close-pad').click();
    await viewer.waitFor({ state: 'detached' });
  });

  step('asks before disabling: deleting the data needs the feature id typed', async () => {
    await byId('feature-action-pad-disable').click();
    await byId('confirm-disable-keep').waitFor();
    assert.equal(await byId('confirm-disable-delete').isDisabled(), true);
    await byId('confirm-disable-input').fill('pa');
    assert.equal(await byId('confirm-disable-delete').isDisabled(), true);
    await byId('confirm-disable-input').fill('pad');
    assert.equal(await byId('confirm-disable-delete').isEnabled(), true);
    await screenshot(page, 'e2e-features-disable');
    await byId('confirm-disable-cancel').click();
    await byId('confirm-disable-keep').waitFor({ state: 'detached' });
    assert.equal(await byId('feature-card-pad').getAttribute('data-state'), 'running', 'cancel changed nothing');
  });

  step('disables the pad and deletes its data once confirmed: the card is back to Enable', async () => {
    await byId('feature-action-pad-disable').click();
    await byId('confirm-disable-input').fill('pad');
    const sent = page.waitForResponse((r) => r.url() === `${url()}/api/features/pad` && r.request().method() === 'PUT');
    await byId('confirm-disable-delete').click();
    const response = await sent;
    assert.deepEqual(response.request().postDataJSON(), { enabled: false, deleteData: true });
    assert.equal(response.status(), 202);
    const { jobId } = (await response.json()) as { jobId: string };
    const job = await eventually(
      async () => {
        const job = (await (await fetch(`${url()}/api/jobs/${jobId}`, { headers: { cookie } })).json()) as JobView;
        return (job.state === 'succeeded' || job.state === 'failed') && job;
      },
      'the disable job ends',
      { timeoutMs: 60_000 },
    );
    assert.equal(job.state, 'succeeded', jobError(job));
    await byId('job-progress-pad').waitFor({ state: 'detached' });
    assert.equal(await byId('job-error-pad').count(), 0);
    await page.locator('[data-testid="feature-card-pad"][data-state="disabled"]').waitFor();
    assert.equal(await byId('feature-card-pad').getAttribute('data-enabled'), 'false');
    await page.locator('[data-testid="feature-action-pad-enable"]:enabled').waitFor();
  });

  step(
    'enables chat, then shows a new chat admin password once, with a copy button, that logs in to Matrix',
    async () => {
      await byId('feature-action-chat-enable').click();
      await page
        .locator('[data-testid="feature-card-chat"][data-state="running"]')
        .waitFor({ timeout: INSTALL_TIMEOUT_MS + 60_000 });
      await byId('chat-admin-create').click();
      const password = await byId('chat-admin-password').inputValue();
      assert.ok(password.length >= 20);
      assert.notEqual(password, payload.admin.password);
      assert.equal(await text('chat-admin-user'), `@camille:${payload.domain}`);
      assert.equal(
        await text('chat-admin-status'),
        fr['chatAdmin.created'].replace('{user}', `@camille:${payload.domain}`),
      );
      assert.equal(await text('chat-admin-once'), fr['chatAdmin.once']);
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'chat-admin-password');
      await byId('chat-admin-copy').click();
      await page.locator('[data-testid="chat-admin-copy"]', { hasText: fr['chatAdmin.copied'] }).waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), password);
      await screenshot(page, 'e2e-features-chat-admin-password');
      const login = await matrixLogin(String(proxyPort), 'camille', password, payload.domain);
      assert.equal(login.status, 200, JSON.stringify(login.body));
      // Hidden means gone from the page: it is never shown again.
      await byId('chat-admin-hide').click();
      await byId('chat-admin-password').waitFor({ state: 'detached' });
      assert.equal(await text('chat-admin-status'), '');
    },
  );

  step('shows no console error, page error or failed request but the expected ones', () => {
    // Before login the app asks who is signed in (401); the stop asked mid-install is refused (409);
    // closing an EventSource (job ended, viewer closed) aborts its request. Nothing else.
    const expected = (p: BrowserProblem) =>
      (p.kind === 'console' && / 401 /.test(p.text) && p.url === `${url()}/api/auth/me`) ||
      (p.kind === 'console' && / 409 /.test(p.text) && p.url === `${url()}/api/features/pad/actions/stop`) ||
      (p.kind === 'requestfailed' && /ERR_ABORTED/.test(p.text) && /\/events$|follow=1/.test(p.url));
    assert.deepEqual(
      problems.filter((p) => !expected(p)),
      [],
    );
  });
});
