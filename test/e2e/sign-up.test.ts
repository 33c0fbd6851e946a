import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { fr } from '../../web/src/lib/i18n/fr';
import { audit } from '../support/axe';
import {
  artifactsDir,
  collectProblems,
  journey,
  launchChromium,
  screenshot,
  type BrowserProblem,
} from '../support/browser';
import { ServerProcess, tempDataDir } from '../support/server-process';
import { setupPayload } from '../support/setup-payload';

const ADMIN = setupPayload('').admin;
const COMMUNITY = setupPayload('').community.name;
const VISITOR = { username: 'dominique', name: 'Dominique L.', password: 'a long enough password' };

/** A French message with its placeholders filled. */
function frText(key: keyof typeof fr, params: Record<string, string> = {}): string {
  return Object.entries(params).reduce((text, [name, value]) => text.replaceAll(`{${name}}`, value), fr[key]);
}

/**
 * Issue 11, open sign-up in a real browser (French): an admin turns it on in the members card, a
 * visitor asks to join from the portal, cannot sign in while the request waits, the admin approves,
 * and the person signs in and lands on the portal. No feature is chosen at setup: no engine needed.
 */
describe('open sign-up in the browser (French): ask, approve, sign in', () => {
  const server = new ServerProcess(tempDataDir('e2e-sign-up'), { TLS_MODE: 'off' });
  let browser: Browser | undefined;
  let adminPage: Page;
  let visitor: Page;
  let problems: BrowserProblem[] = [];
  let adminProblems: BrowserProblem[] = [];
  const { step, finished } = journey(it);

  const text = async (page: Page, id: string) => ((await page.getByTestId(id).textContent()) ?? '').trim();

  async function signIn(page: Page, username: string, password: string) {
    await page.goto(`${server.url}/#/login`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
  }

  before(async () => {
    await server.start();
    await request(server.url)
      .post('/api/setup')
      .send({ ...setupPayload(server.setupTokenFromLog()), features: [] })
      .expect(201);
    browser = await launchChromium();
    const options = { locale: 'fr-FR', viewport: { width: 1280, height: 900 } };
    adminPage = await (await browser.newContext(options)).newPage();
    visitor = await (await browser.newContext(options)).newPage();
    for (const page of [adminPage, visitor]) page.setDefaultTimeout(10_000);
    problems = collectProblems(visitor);
    adminProblems = collectProblems(adminPage);
  });

  after(async () => {
    const ok = finished();
    try {
      if (!ok) {
        for (const [name, page] of [
          ['admin', adminPage],
          ['visitor', visitor],
        ] as const) {
          if (page && !page.isClosed()) await screenshot(page, `e2e-sign-up-failure-${name}`).catch(() => undefined);
        }
      }
      await browser?.close();
    } finally {
      if (!ok) writeFileSync(join(artifactsDir(), 'e2e-sign-up-server.log'), server.log);
      await server.dispose();
    }
  });

  step('off by default: the portal offers no “ask to join”', async () => {
    await visitor.goto(`${server.url}/#/portal`);
    await visitor.getByTestId('portal-sign-in').waitFor();
    assert.equal(await visitor.getByTestId('portal-ask-to-join').count(), 0);
  });

  step('the admin turns open sign-up on in the members card', async () => {
    await signIn(adminPage, ADMIN.username, ADMIN.password);
    await adminPage.waitForURL(/#\/dashboard$/);
    const toggle = adminPage.getByTestId('sign-up-open');
    await toggle.waitFor();
    assert.equal(await toggle.isChecked(), false);
    assert.equal((await adminPage.locator('label', { has: toggle }).textContent())?.trim(), fr['members.signUp.open']);
    await toggle.check();
    await adminPage.getByTestId('sign-up-done').waitFor();
    assert.equal(await text(adminPage, 'sign-up-done'), fr['members.signUp.savedOn']);
    assert.equal(await text(adminPage, 'sign-up-none'), fr['members.signUp.none']);
    await screenshot(adminPage, 'e2e-sign-up-1-admin-on-fr');
  });

  step('a visitor asks to join from the portal: a real title, one h1, no axe finding', async () => {
    await visitor.reload(); // the same address as before: the portal reads the setting again
    await visitor.getByTestId('portal-ask-to-join').click();
    await visitor.waitForURL(/#\/signup$/);
    await visitor.getByTestId('signup-username').waitFor();
    assert.equal(await visitor.title(), `${fr['signup.pageTitle']} — ${COMMUNITY}`);
    assert.equal(await visitor.locator('h1').count(), 1);
    assert.equal(await visitor.locator('h1').textContent(), frText('signup.title', { community: COMMUNITY }));
    await audit(visitor, 'the sign-up page');
    await screenshot(visitor, 'e2e-sign-up-2-form-fr');
  });

  step('a refused field is named and focused before anything is sent', async () => {
    await visitor.getByTestId('signup-username').fill('Pas valide !');
    await visitor.getByTestId('signup-submit').click();
    await visitor.getByTestId('error-signup-username').waitFor();
    assert.equal(await text(visitor, 'error-signup-username'), fr['validation.username']);
    assert.equal(
      await visitor.evaluate(() => document.activeElement?.id),
      'signup-username',
      'the first refused field is focused',
    );
    await audit(visitor, 'the sign-up page with a refused field');
  });

  step('the request is sent; the person cannot sign in while it waits', async () => {
    await visitor.getByTestId('signup-display-name').fill(VISITOR.name);
    await visitor.getByTestId('signup-username').fill(VISITOR.username);
    await visitor.getByTestId('signup-password').fill(VISITOR.password);
    await visitor.getByTestId('signup-password-confirm').fill(VISITOR.password);
    await visitor.getByTestId('signup-submit').click();
    await visitor.getByTestId('signup-sent').waitFor();
    assert.equal(await text(visitor, 'signup-sent'), frText('signup.sent', { username: VISITOR.username }));
    assert.equal(
      await visitor.evaluate(() => document.activeElement?.getAttribute('data-testid')),
      'signup-sent-title',
    );
    assert.equal(await visitor.title(), `${fr['signup.sentTitle']} — ${COMMUNITY}`);
    await audit(visitor, 'the sign-up page once sent');
    await screenshot(visitor, 'e2e-sign-up-3-sent-fr');

    await signIn(visitor, VISITOR.username, VISITOR.password);
    await visitor.getByTestId('login-error').waitFor();
    assert.equal(await text(visitor, 'login-error'), fr['login.awaitingApproval']);
    assert.equal(await visitor.getByTestId('login-error').getAttribute('role'), 'alert');
    await screenshot(visitor, 'e2e-sign-up-4-awaiting-fr');
  });

  step('the admin sees the request and approves it: the person is a member', async () => {
    await adminPage.reload();
    const row = adminPage.getByTestId(`sign-up-${VISITOR.username}`);
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', new RegExp(VISITOR.name));
    await screenshot(adminPage, 'e2e-sign-up-5-request-fr');
    await row.getByTestId('sign-up-approve').click();
    await adminPage.getByTestId('sign-up-done').waitFor();
    assert.equal(await text(adminPage, 'sign-up-done'), frText('members.signUp.approved', { name: VISITOR.name }));
    await adminPage.getByTestId(`member-${VISITOR.username}`).waitFor();
    await adminPage.getByTestId('sign-up-none').waitFor();
    await screenshot(adminPage, 'e2e-sign-up-6-approved-fr');
  });

  step('the person signs in and lands on the portal', async () => {
    await signIn(visitor, VISITOR.username, VISITOR.password);
    await visitor.waitForURL(/#\/portal$/);
    const greeting = frText('portal.signedInAs', { name: VISITOR.name });
    await visitor.getByTestId('portal-signed-in').filter({ hasText: greeting }).waitFor();
    await screenshot(visitor, 'e2e-sign-up-7-portal-fr');
  });

  step(
    'shows no browser error besides the expected refusals (401 signed out, 403 while the request waited)',
    async () => {
      await visitor.context().close();
      const expected = (problem: BrowserProblem) => problem.kind === 'console' && / (401|403) /.test(problem.text);
      assert.deepEqual(
        problems.filter((p) => !expected(p)),
        [],
      );
      assert.deepEqual(
        adminProblems.filter((p) => !expected(p)),
        [],
      );
    },
  );
});
