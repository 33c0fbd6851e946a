import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { fr } from '../../web/src/lib/i18n/fr';
import { audit } from '../support/axe';
import { journey, screenshot, type BrowserProblem } from '../support/browser';
import { eventually } from '../support/eventually';
import {
  endApplianceJourney,
  expectedOnDashboard,
  launchDashboardPage,
  logIn,
  startSetUpWithoutFeatures,
} from '../support/e2e-appliance';
import { ServerProcess, tempDataDir } from '../support/server-process';
import { setupPayload } from '../support/setup-payload';

const NAME = 'e2e-engine-down';

/**
 * What the server says in English, in its messages, error bodies and engine errors: none of it may
 * reach the French page but under « Détails techniques ».
 */
// Whole words only: « Connecté » is French (\b would end a word at « é »).
const ENGLISH =
  /(?<!\p{L})(engine|connect|ENOENT|error|errors|failed|unreachable|cannot|nothing was changed|try again|reconnecting|no answer|unexpected|service unavailable|internal server)(?!\p{L})/iu;

/** The page's visible text, without the folded technical details (the server's own words live there). */
function visibleText(page: Page, root = 'body'): Promise<string> {
  return page.evaluate((selector) => {
    const copy = document.querySelector(selector)?.cloneNode(true) as HTMLElement | undefined;
    if (!copy) return '';
    for (const details of copy.querySelectorAll('details')) details.remove();
    for (const hidden of copy.querySelectorAll('script, style, template')) hidden.remove();
    return copy.textContent ?? '';
  }, root);
}

function assertNoEnglish(text: string, where: string): void {
  const match = ENGLISH.exec(text);
  assert.equal(match, null, `English from the server on ${where}: "${match?.[0]}" in:\n${text}`);
}

/** The 503 of the logs' first lines (the browser logs it as a console error): the page expects it. */
function expected(p: BrowserProblem): boolean {
  return expectedOnDashboard(p) || (p.kind === 'console' && / 503 /.test(p.text) && /\/logs\b/.test(p.url));
}

describe('the dashboard with the Docker engine unreachable (built app, headless Debian Chromium, French)', () => {
  // No engine at this address: the manager starts, is set up, and must say so plainly.
  const server = new ServerProcess(tempDataDir(NAME), {
    DOCKER_HOST: 'unix:///nonexistent/docker.sock',
    TLS_MODE: 'off',
  });
  let admin = { cookie: '', csrf: '' };
  let browser: Browser | undefined;
  let page: Page | undefined;
  let problems: BrowserProblem[] = [];
  const { step, finished } = journey(it);
  const on = () => {
    if (!page) throw new Error('the page is not open');
    return page;
  };
  const byId = (id: string) => on().getByTestId(id);
  const text = async (id: string) => ((await byId(id).textContent()) ?? '').trim().replace(/\s+/g, ' ');

  before(async () => {
    admin = await startSetUpWithoutFeatures(server);
    ({ browser, page, problems } = await launchDashboardPage('fr-FR'));
  });
  after(() => endApplianceJourney(NAME, finished(), { browser, page, server }));

  step('the API names the unreachable engine by a key: health, a 503 (never a 500), a failed job', async () => {
    const health = await request(server.url).get('/api/health').set('Cookie', admin.cookie).expect(200);
    assert.equal(health.body.checks.docker.status, 'down');
    assert.equal(health.body.checks.docker.key, 'engineUnreachable');
    assert.match(health.body.checks.docker.detail, /ENOENT/);
    const logs = await request(server.url).get('/api/features/pad/logs').set('Cookie', admin.cookie).expect(503);
    assert.equal(logs.body.key, 'engineUnreachable');
    // Installing goes through a job, which fails with the same key (the card shows it after a reload).
    const accepted = await request(server.url)
      .put('/api/features/pad')
      .set({ Cookie: admin.cookie, 'x-csrf-token': admin.csrf })
      .send({ enabled: true })
      .expect(202);
    const job = await eventually(async () => {
      const res = await request(server.url).get(`/api/jobs/${accepted.body.jobId}`).set('Cookie', admin.cookie);
      return res.body.state === 'failed' && (res.body as { error: { key: string; detail: string } });
    }, 'the install job fails');
    assert.equal(job.error.key, 'engineUnreachable');
    assert.match(job.error.detail, /ENOENT/);
  });

  step('the French dashboard shows one banner that says what to do, the cards wait with the reason', async () => {
    await on().goto(`${server.url}/`);
    await logIn(on(), setupPayload('').admin);
    await byId('engine-banner').waitFor();
    await byId('first-steps').waitFor();
    assert.equal(await on().locator('[role="alert"][data-testid="engine-banner"]').count(), 1);
    assert.equal(await text('engine-banner-mount'), '-v /var/run/docker.sock:/var/run/docker.sock');
    assert.match(await text('engine-banner'), new RegExp(fr['engine.banner.title']));
    // The server's own words only under « Détails techniques », folded.
    assert.equal(
      await on().locator('[data-testid="engine-banner-details"] summary').textContent(),
      'Détails techniques',
    );
    assert.equal(await byId('engine-banner-details').getAttribute('open'), null);
    assert.match((await byId('engine-banner-details').locator('pre').textContent()) ?? '', /ENOENT/);

    await on().locator('[data-testid="feature-card-pad"][data-engine-down="true"]').waitFor();
    assert.equal(await text('feature-state-pad'), fr['engine.featureUnavailable']);
    for (const action of ['stop', 'restart', 'update', 'disable']) {
      const button = byId(`feature-action-pad-${action}`);
      assert.equal(await button.isDisabled(), true, `${action} waits for the engine`);
      assert.equal(await button.getAttribute('aria-describedby'), 'engine-wait-pad');
    }
    assert.equal(await byId('feature-action-chat-enable').isDisabled(), true, 'installing waits for the engine');
    assert.equal(await text('feature-engine-wait-pad'), fr['engine.actionsDisabled']);
    assert.equal(await byId('backups-now').isDisabled(), true, 'backing up waits for the engine');
  });

  step('a failed operation is told in French from its key, its technical words apart', async () => {
    const reason = fr['jobs.lastFailure'].replace('{reason}', fr['jobs.error.engineUnreachable']);
    assert.equal(
      ((await byId('feature-last-failure-pad').evaluate((el) => el.firstChild?.textContent)) ?? '').trim(),
      reason,
    );
    assert.equal(
      await on().locator('[data-testid="status-docker-reason"]').textContent(),
      fr['system.reason.engineUnreachable'],
    );
    assertNoEnglish(await visibleText(on()), 'the dashboard');
    await screenshot(on(), `${NAME}-dashboard`);
    await audit(on(), 'the dashboard with the engine unreachable');
  });

  step('a first-run checklist says what is left, and stays hidden for the installation once dismissed', async () => {
    for (const step of ['domainReached', 'featureRunning', 'peopleInvited', 'backedUp']) {
      assert.equal(await byId(`first-step-${step}`).getAttribute('data-done'), 'false', step);
    }
    await byId('first-steps-dismiss').click();
    await byId('first-steps').waitFor({ state: 'detached' });
    const stored = await request(server.url).get('/api/first-steps').set('Cookie', admin.cookie).expect(200);
    assert.notEqual(stored.body.dismissedAt, null);
    await on().reload();
    await byId('engine-banner').waitFor();
    assert.equal(await byId('first-steps').count(), 0);
  });

  step('the logs dialog shows one clear state: no reconnecting, no error number, no empty log', async () => {
    await byId('feature-action-pad-logs').click();
    await byId('logs-unavailable-pad').waitFor();
    assert.equal(await text('logs-unavailable-pad'), fr['engine.logsUnavailable']);
    assert.equal(await byId('logs-status-pad').count(), 0);
    const dialog = await visibleText(on(), '[data-testid="logs-pad"]');
    assert.doesNotMatch(dialog, new RegExp(fr['logs.status.reconnecting']));
    assert.doesNotMatch(dialog, new RegExp(fr['logs.empty']));
    assert.doesNotMatch(dialog, /\b50\d\b/);
    assertNoEnglish(dialog, 'the logs dialog');
    // A retry gives the same single state, and still no live stream.
    await byId('logs-retry-pad').click();
    await byId('logs-unavailable-pad').waitFor();
    assert.equal(await byId('logs-status-pad').count(), 0);
    await screenshot(on(), `${NAME}-logs`);
    await audit(on(), 'the logs dialog with the engine unreachable');
    await byId('logs-close-pad').click();
  });

  step('shows no console error, page error or failed request but the expected ones', () => {
    assert.deepEqual(
      problems.filter((p) => !expected(p)),
      [],
    );
  });
});
