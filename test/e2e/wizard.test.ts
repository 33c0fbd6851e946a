import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { fr } from '../../web/src/lib/i18n/fr';
import { audit } from '../support/axe';
import { artifactsDir, closeBrowser, journey, launchPage, screenshot, type BrowserProblem } from '../support/browser';
import { ServerProcess, tempDataDir } from '../support/server-process';

const COMMUNITY = 'La Fabrique du Coin';
// A light community colour: the brand-derived text and fills must stay readable with it (issue 14).
const COLOR = '#f5d90a';
const COLOR_RGB = 'rgb(245, 217, 10)';
const STEPS = ['language', 'token', 'community', 'domain', 'admin', 'features', 'review'] as const;
const DOMAIN = 'fabrique.example.org';
const ADMIN = { username: 'camille', email: 'camille@example.org', password: 'correct horse battery staple' };

describe('setup wizard in the browser (built app, headless Debian Chromium, French, axe-core on every step)', () => {
  const server = new ServerProcess(tempDataDir('e2e'));
  let browser: Browser | undefined;
  let page: Page;
  let problems: BrowserProblem[] = [];
  /** One step of the journey; they run in order, each on where the previous one left the page. */
  const { step, finished: journeyFinished } = journey(it);

  before(async () => {
    await server.start();
    ({ browser, page, problems } = await launchPage(
      { locale: 'fr-FR', viewport: { width: 1280, height: 800 } },
      10_000,
    ));
  });

  after(async () => {
    const finished = journeyFinished();
    try {
      await closeBrowser(browser, page, finished, 'e2e-failure');
    } finally {
      // Keep what explains a failure (the server's log, with the screenshot); leave nothing else.
      if (!finished) writeFileSync(join(artifactsDir(), 'e2e-server.log'), server.log);
      await server.dispose();
    }
  });

  const byId = (id: string) => page.getByTestId(id);

  /** Waits for a wizard step and checks its French heading, the page's title and its one h1. */
  async function atStep(step: (typeof STEPS)[number], title: string): Promise<void> {
    await byId(`wizard-step-${step}`).waitFor();
    assert.equal((await byId(`wizard-step-${step}`).locator('h2').textContent())?.trim(), title);
    const number = STEPS.indexOf(step) + 1;
    assert.equal(await page.title(), `Étape ${number} sur 7 : ${fr[`wizard.step.${step}`]} — Tiers-lieu`);
    assert.equal(await page.locator('h1').count(), 1);
  }

  /** A wizard step checked by axe-core, with the brand colour it has now. */
  async function auditStep(step: (typeof STEPS)[number], colour: string): Promise<void> {
    await audit(page, `the wizard's ${step} step (${colour})`);
  }

  async function next(): Promise<void> {
    assert.equal((await byId('wizard-next').textContent())?.trim(), fr['wizard.next']);
    await byId('wizard-next').click();
  }

  async function text(id: string): Promise<string> {
    return ((await byId(id).textContent()) ?? '').trim();
  }

  /** The dashboard after setup or login: name, colour, chosen features, system status. */
  async function checkDashboard(): Promise<void> {
    await byId('dashboard').waitFor();
    assert.equal(await text('community-name'), COMMUNITY);
    assert.equal(await text('logout'), fr['dashboard.logout']);
    assert.equal(await text('current-user'), fr['dashboard.signedInAs'].replace('{username}', ADMIN.username));
    const topbar = byId('dashboard').locator('header').first();
    assert.equal(await topbar.evaluate((el) => getComputedStyle(el).backgroundColor), COLOR_RGB);
    await byId('feature-card-chat').waitFor();
    for (const id of ['chat', 'pad'] as const) {
      const card = byId(`feature-card-${id}`);
      assert.equal(await card.getAttribute('data-enabled'), 'true', `${id} is enabled`);
      assert.notEqual(await card.getAttribute('data-state'), 'disabled');
      assert.match(await card.innerText(), new RegExp(fr[`feature.${id}.name`]));
    }
    assert.equal(await byId('feature-card-files').getAttribute('data-enabled'), 'false');
    assert.equal(await byId('feature-card-files').getAttribute('data-state'), 'disabled');
    await byId('status-database').waitFor();
    assert.equal(await byId('status-database').getAttribute('data-status'), 'up');
    assert.equal(await byId('status-queue').getAttribute('data-status'), 'up');
    assert.match(await byId('system-status').innerText(), new RegExp(fr['system.title']));
    assert.equal(await page.title(), `${fr['title.dashboard']} — ${COMMUNITY}`);
    assert.equal(await page.locator('h1').count(), 1);
    assert.equal((await page.locator('h1').textContent())?.trim(), fr['title.dashboard']);
    await audit(page, `the dashboard (${COLOR})`);
  }

  step('opens the wizard in French, following the browser locale', async () => {
    await page.goto(`${server.url}/`);
    await byId('setup').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
    assert.equal((await byId('setup').locator('h1').textContent())?.trim(), fr['wizard.title']);
    await atStep('language', fr['wizard.language.title']);
    assert.equal(await byId('wizard-language-fr').isChecked(), true, 'French is preselected from fr-FR');
    assert.match(await byId('wizard-indicator').innerText(), /Étape 1 sur 7/);
    await byId('wizard-language-fr').check();
    await auditStep('language', 'default colour');
    await screenshot(page, 'e2e-wizard-1-language');
  });

  step('refuses a wrong token on its own step, then walks every step to the review', async () => {
    await next();
    await atStep('token', fr['wizard.token.title']);
    await auditStep('token', 'default colour');
    await next(); // empty token: refused in the browser before anything is sent
    assert.equal(await text('error-wizard-token'), fr['validation.required']);
    await audit(page, 'the token step with its error (default colour)');
    await byId('wizard-token').fill('not-the-setup-token');
    assert.equal(await byId('error-wizard-token').count(), 0, 'editing clears the problem');
    await screenshot(page, 'e2e-wizard-2-token');
    await next(); // refused on this very step, not after the last one
    await byId('error-wizard-token').waitFor();
    await atStep('token', fr['wizard.token.title']);
    assert.equal(await text('error-wizard-token'), fr['wizard.token.rejected']);
    await audit(page, 'the token step, token refused by the server (default colour)');
    await screenshot(page, 'e2e-wizard-2-token-rejected');
    await byId('wizard-token').fill(server.setupTokenFromLog());
    await next();

    await atStep('community', fr['wizard.community.title']);
    await byId('wizard-community-name').fill(COMMUNITY);
    await auditStep('community', 'default colour');
    await screenshot(page, 'e2e-wizard-3-community');
    await next();

    await atStep('domain', fr['wizard.domain.title']);
    await byId('wizard-domain').fill(DOMAIN);
    assert.match(await text('wizard-domain-warning'), new RegExp(`@alice:${DOMAIN.replace(/\./g, '\\.')}`));
    await auditStep('domain', 'default colour');
    await screenshot(page, 'e2e-wizard-4-domain');
    await next();

    await atStep('admin', fr['wizard.admin.title']);
    await byId('wizard-admin-username').fill(ADMIN.username);
    await byId('wizard-admin-email').fill(ADMIN.email);
    await byId('wizard-admin-password').fill(ADMIN.password);
    await byId('wizard-admin-password-confirm').fill(ADMIN.password);
    await auditStep('admin', 'default colour');
    await screenshot(page, 'e2e-wizard-5-admin');
    await next();

    await atStep('features', fr['wizard.features.title']);
    await byId('wizard-feature-files').uncheck();
    assert.equal(await byId('wizard-feature-chat').isChecked(), true);
    assert.equal(await byId('wizard-feature-pad').isChecked(), true);
    // Chat's starting rooms: Général and Annonces ticked, the others offered; a name of one's own.
    assert.equal(await byId('wizard-room-general').isChecked(), true);
    assert.equal(await byId('wizard-room-announcements').isChecked(), true);
    assert.equal(await byId('wizard-room-help').isChecked(), false);
    await byId('wizard-room-help').check();
    await byId('wizard-room-custom-0').fill('GÉNÉRAL');
    await next();
    await atStep('features', fr['wizard.features.title']);
    assert.equal(await text('error-wizard-room-custom-0'), fr['wizard.rooms.duplicate']);
    assert.equal(await byId('wizard-room-custom-0').getAttribute('aria-invalid'), 'true');
    await auditStep('features', 'default colour, a room name refused');
    await byId('wizard-room-custom-0').fill('Atelier vélo');
    await auditStep('features', 'default colour');
    await screenshot(page, 'e2e-wizard-6-features');
    await next();

    await atStep('review', fr['wizard.review.title']);
    assert.equal(await text('review-community'), COMMUNITY);
    assert.equal(await text('review-domain'), DOMAIN);
    assert.equal(await text('review-features'), `${fr['feature.chat.name']}, ${fr['feature.pad.name']}`);
    assert.equal(await text('review-rooms'), 'Général, Annonces, Entraide, Atelier vélo');
    assert.equal(await text('wizard-submit'), fr['wizard.submit']);
    await auditStep('review', 'default colour');
    await byId('preflight-engine').waitFor();
    assert.equal(await byId('preflight-engine').getAttribute('data-status'), 'ok');
    await screenshot(page, 'e2e-wizard-7-review');
  });

  step('goes back keeping the answers, and lands on the dashboard as admin', async () => {
    for (const name of ['features', 'admin', 'domain', 'community'] as const) {
      await byId('wizard-back').click();
      await atStep(name, fr[`wizard.${name}.title`]);
    }
    assert.equal(await byId('wizard-community-name').inputValue(), COMMUNITY);
    // The light colour now, checked on every step: back to the first, then forward to the end.
    await byId('wizard-community-color').fill(COLOR);
    await auditStep('community', COLOR);
    for (const name of ['token', 'language'] as const) {
      await byId('wizard-back').click();
      await atStep(name, fr[`wizard.${name}.title`]);
      await auditStep(name, COLOR);
    }
    await next();
    await next();
    await atStep('community', fr['wizard.community.title']);
    for (const name of ['domain', 'admin', 'features', 'review'] as const) {
      await next();
      await atStep(name, fr[`wizard.${name}.title`]);
      await auditStep(name, COLOR);
    }
    await screenshot(page, 'e2e-wizard-7-review-light-colour');
    await byId('wizard-submit').click();

    await checkDashboard();
    assert.match(page.url(), /#\/dashboard$/);
    // The rooms ticked in the wizard are the ones stored (and so the ones Synapse makes members join).
    const settings = await page.evaluate(
      async () => (await (await fetch('/api/settings')).json()) as { startingRooms: string[] },
    );
    assert.deepEqual(settings.startingRooms, ['Général', 'Annonces', 'Entraide', 'Atelier vélo']);
    await screenshot(page, 'e2e-dashboard');
  });

  step('logs out to the French login page, logs back in and keeps the session across a reload', async () => {
    await byId('logout').click();
    await byId('login').waitFor();
    assert.equal(await text('login-notice'), fr['login.signedOut']);
    assert.equal((await byId('login').locator('h1').textContent())?.trim(), fr['login.title']);
    assert.equal(await text('login-submit'), fr['login.submit']);
    assert.equal(await text('login-community-name'), COMMUNITY);
    assert.equal(await page.title(), `${fr['login.title']} — ${COMMUNITY}`);
    assert.equal(await page.locator('h1').count(), 1);
    await audit(page, `the login page (${COLOR})`);
    await byId('login-username').fill(ADMIN.username);
    await byId('login-password').fill(ADMIN.password);
    await screenshot(page, 'e2e-login');
    await byId('login-submit').click();
    await checkDashboard();

    await page.reload();
    await checkDashboard();
    await screenshot(page, 'e2e-dashboard-after-login');
  });

  step('shows no console error, page error or failed request besides the refused token', () => {
    const expected = (p: BrowserProblem) =>
      p.kind === 'console' && / 403 /.test(p.text) && p.url === `${server.url}/api/setup/token`;
    assert.equal(problems.filter(expected).length, 1, JSON.stringify(problems, null, 2));
    assert.deepEqual(
      problems.filter((p) => !expected(p)),
      [],
    );
  });
});
