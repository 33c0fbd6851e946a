import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { fr } from '../../web/src/lib/i18n/fr';
import { journey, launchChromium, PeoplesPages, screenshot, type BrowserProblem } from '../support/browser';
import { endApplianceJourney, logIn, startSetUpWithoutFeatures } from '../support/e2e-appliance';
import { ServerProcess, tempDataDir } from '../support/server-process';
import { setupPayload } from '../support/setup-payload';

const ADMIN = setupPayload('').admin;
const SECOND = { username: 'dominique', email: 'dominique@example.org', password: 'another long password' };

/** Fills a French message's {placeholders}. */
function frText(key: keyof typeof fr, params: Record<string, string> = {}): string {
  return fr[key].replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? `{${name}}`);
}

describe('admins in the browser: invite, accept, remove through the dialog (two browsers, French)', () => {
  // No feature chosen at setup: nothing here needs the Docker engine.
  const server = new ServerProcess(tempDataDir('e2e-admins'));
  let browser: Browser | undefined;
  const people = new PeoplesPages();
  const { contexts, problems } = people;
  let first: Page;
  let second: Page;
  let link = '';
  const { step, finished } = journey(it);

  const open = (who: string) => people.open(browser!, who);

  before(async () => {
    await startSetUpWithoutFeatures(server);
    browser = await launchChromium();
    first = await open('first');
    second = await open('second');
  });

  after(async () => {
    const ok = finished();
    // The second person's page first; the journey's end keeps the first one's.
    if (!ok && second && !second.isClosed())
      await screenshot(second, 'e2e-admins-failure-second').catch(() => undefined);
    await endApplianceJourney('e2e-admins', ok, { browser, page: first, server });
  });

  const text = async (page: Page, id: string) => ((await page.getByTestId(id).textContent()) ?? '').trim();
  const refreshAdmins = (page: Page) =>
    page.getByTestId('admins').getByRole('button', { name: fr['dashboard.refresh'] });

  step('the first admin signs in and invites a second one; the invitation is listed as pending', async () => {
    await first.goto(`${server.url}/`);
    await first.getByTestId('login').waitFor();
    await logIn(first, ADMIN);
    await first.getByTestId('admin-camille').waitFor();
    assert.equal(await text(first, 'pending-invitations').then((t) => t.includes(fr['pending.empty'])), true);

    await first.getByTestId('invite-email').fill(SECOND.email);
    await first.getByTestId('invite-submit').click();
    await first.getByTestId('invite-link').waitFor();
    link = await first.getByTestId('invite-link').inputValue();
    assert.match(link, /#\/invite\/[A-Za-z0-9_-]{20,}$/);
    const pending = first.getByTestId(`pending-${SECOND.email}`);
    await pending.waitFor();
    assert.match(await pending.innerText(), new RegExp(frText('pending.detail', { username: 'camille', date: '' })));
  });

  step('the second admin accepts in another browser and reaches the dashboard', async () => {
    await second.goto(link);
    await second.getByTestId('accept').waitFor();
    assert.equal(await text(second, 'accept-email'), frText('accept.intro', { email: SECOND.email }));
    await second.getByTestId('accept-username').fill(SECOND.username);
    await second.getByTestId('accept-password').fill(SECOND.password);
    await second.getByTestId('accept-password-confirm').fill(SECOND.password);
    await second.getByTestId('accept-submit').click();
    await second.getByTestId('dashboard').waitFor();
    assert.equal(await text(second, 'current-user'), frText('dashboard.signedInAs', { username: SECOND.username }));
    await second.getByTestId(`admin-${SECOND.username}`).waitFor();
  });

  step('the first removes the second through a confirmation dialog that names them', async () => {
    await refreshAdmins(first).click();
    const row = first.getByTestId(`admin-${SECOND.username}`);
    await row.waitFor();
    await first.getByTestId(`pending-${SECOND.email}`).waitFor({ state: 'detached' });
    assert.equal(
      await row.getByTestId('admin-remove').getAttribute('aria-label'),
      frText('manage.removeLabel', { username: SECOND.username }),
    );
    await row.getByTestId('admin-remove').click();
    const dialog = first.getByTestId('confirm-remove-admin');
    await dialog.waitFor();
    assert.equal(
      await dialog.getByRole('heading').innerText(),
      frText('manage.confirm.title', { username: SECOND.username }),
    );
    assert.match(await dialog.innerText(), new RegExp(SECOND.email.replace(/\./g, '\\.')));
    assert.equal(await dialog.evaluate((el) => (el as HTMLDialogElement).open), true);
    // The dialog opens on the harmless choice.
    assert.equal(
      await first.evaluate(() => document.activeElement?.getAttribute('data-testid')),
      'confirm-remove-cancel',
    );
    await screenshot(first, 'e2e-admins-1-confirm-remove');

    await dialog.getByTestId('confirm-remove-admin-submit').click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await text(first, 'admins-done'), frText('manage.removed', { username: SECOND.username }));
    await row.waitFor({ state: 'detached' });
    await screenshot(first, 'e2e-admins-2-removed');
  });

  step("the second's page is signed out on its next action", async () => {
    // The session is gone on the server already.
    assert.equal((await second.request.get(`${server.url}/api/auth/me`)).status(), 401);
    // Its next action (or the dashboard's own periodic refresh, whichever comes first) meets a 401.
    await refreshAdmins(second)
      .click({ timeout: 2_000 })
      .catch(() => undefined);
    await second.getByTestId('login').waitFor();
    assert.equal(await text(second, 'login-notice'), fr['login.sessionExpired']);
    await screenshot(second, 'e2e-admins-3-second-signed-out');
  });

  step('the last admin cannot remove themselves: the refusal is announced in the dialog', async () => {
    await first.getByTestId('admin-camille').getByTestId('admin-remove').click();
    const dialog = first.getByTestId('confirm-remove-admin');
    await dialog.waitFor();
    assert.equal(await dialog.getByRole('heading').innerText(), fr['manage.confirm.titleSelf']);
    await dialog.getByTestId('confirm-remove-admin-submit').click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    assert.equal((await alert.innerText()).trim(), fr['manage.lastAdmin']);
    await screenshot(first, 'e2e-admins-4-last-admin');
    await dialog.getByTestId('confirm-remove-cancel').click();
    await dialog.waitFor({ state: 'detached' });
  });

  step('"sign out everywhere" for oneself ends this session too', async () => {
    await first.getByTestId('admin-camille').getByTestId('admin-sign-out').click();
    await first.getByTestId('login').waitFor();
    assert.equal(await text(first, 'login-notice'), fr['manage.signedOutSelf']);
    assert.equal((await first.request.get(`${server.url}/api/auth/me`)).status(), 401);
    await screenshot(first, 'e2e-admins-5-signed-out-everywhere');
  });

  step('shows no browser error besides the expected refusals (401 signed out, 409 for the last admin)', async () => {
    for (const context of contexts) await context.close();
    // Opening the app before signing in asks who is signed in: a 401 too.
    const expected = ({ who, problem }: { who: string; problem: BrowserProblem }) =>
      problem.kind === 'console' &&
      ((/ 401 /.test(problem.text) && (who === 'second' || problem.url === `${server.url}/api/auth/me`)) ||
        (who === 'first' && / 409 /.test(problem.text) && /\/api\/users\//.test(problem.url)));
    assert.deepEqual(
      problems.filter((p) => !expected(p)),
      [],
    );
  });
});
