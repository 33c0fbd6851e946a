import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { fr } from '../../web/src/lib/i18n/fr';
import { journey, launchChromium, PeoplesPages, screenshot, type BrowserProblem } from '../support/browser';
import { endApplianceJourney, logIn, startSetUpWithoutFeatures } from '../support/e2e-appliance';
import { ServerProcess, tempDataDir } from '../support/server-process';
import { setupPayload } from '../support/setup-payload';
import { type ReceivedMail, type SmtpSink, startSmtpSink } from '../support/smtp-sink';

const PAYLOAD = setupPayload('');
const ADMIN = PAYLOAD.admin;
const MEMBER = { username: 'dominique', email: 'dominique@example.org', password: 'a long enough password' };
const NEW_PASSWORD = 'another long password';

/** The mail's link, opened on this test's server: the path after the community's address. */
function linkIn(mail: ReceivedMail, server: ServerProcess, path: string): string {
  const prefix = `http://${PAYLOAD.domain}${path}`;
  const line = mail.text.split(/\r?\n/).find((l) => l.startsWith(prefix));
  assert.ok(line, `no ${prefix} link in:\n${mail.text}`);
  return `${server.url}/${line.trim().slice(`http://${PAYLOAD.domain}/`.length)}`;
}

describe('outgoing mail in the browser: the dashboard card, an invitation by mail, "forgot my password" (French)', () => {
  const server = new ServerProcess(tempDataDir('e2e-mail'), { TLS_MODE: 'off' });
  let sink: SmtpSink;
  let browser: Browser | undefined;
  const people = new PeoplesPages();
  const { contexts, problems } = people;
  let admin: Page;
  const { step, finished } = journey(it);

  const open = (who: string) => people.open(browser!, who);

  const text = async (page: Page, id: string) => ((await page.getByTestId(id).textContent()) ?? '').trim();
  const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');

  before(async () => {
    sink = await startSmtpSink('e2e-mail-sink');
    await startSetUpWithoutFeatures(server);
    browser = await launchChromium();
    admin = await open('admin');
  });

  after(async () => {
    try {
      await endApplianceJourney('e2e-mail', finished(), { browser, page: admin, server });
    } finally {
      await sink?.dispose();
    }
  });

  step(
    'an admin sets the relay; a refused test says why (focused, with the relay’s words), a good one is sent',
    async () => {
      await admin.goto(`${server.url}/`);
      await logIn(admin, ADMIN);
      await admin.getByTestId('mail-form').waitFor();
      assert.equal(await text(admin, 'mail-state'), fr['mail.notConfigured']);
      await admin.getByTestId('mail-host').fill('127.0.0.1');
      await admin.getByTestId('mail-security').selectOption('none');
      assert.equal(await admin.getByTestId('mail-port').inputValue(), '25', 'the usual port follows the security');
      await admin.getByTestId('mail-port').fill(String(sink.port));
      await admin.getByTestId('mail-from-address').fill('bonjour@fabrique.example.org');
      await admin.getByTestId('mail-save').click();
      await admin.getByTestId('mail-done').waitFor();
      assert.equal(await text(admin, 'mail-state'), `Les courriels partent par 127.0.0.1:${sink.port}.`);

      await admin.getByTestId('mail-test-to').fill('personne@refused.example');
      await admin.getByTestId('mail-test-submit').click();
      await admin.getByTestId('mail-test-error').waitFor();
      assert.equal(await focused(admin), 'mail-test-error');
      assert.ok((await text(admin, 'mail-test-error')).includes(fr['mail.error.refused']));
      assert.match(await text(admin, 'mail-test-details'), /550/);

      await admin.getByTestId('mail-test-to').fill('camille@example.org');
      await admin.getByTestId('mail-test-submit').click();
      await admin.getByTestId('mail-test-sent').waitFor();
      await sink.waitFor('camille@example.org', /message de test/);
      await screenshot(admin, 'e2e-mail-1-dashboard-card');
    },
  );

  step('an invitation goes by mail, and its link lets the member join', async () => {
    await admin.getByTestId('member-invite-email').fill(MEMBER.email);
    await admin.getByTestId('member-invite-submit').click();
    await admin.getByTestId('member-invite-mailed').waitFor();
    const mail = await sink.waitFor(MEMBER.email, /Invitation à rejoindre/);
    await screenshot(admin, 'e2e-mail-2-invitation-mailed');

    const member = await open('member');
    await member.goto(linkIn(mail, server, '/#/join/'));
    await member.getByTestId('join-username').fill(MEMBER.username);
    await member.getByTestId('join-email').fill(MEMBER.email);
    await member.getByTestId('join-password').fill(MEMBER.password);
    await member.getByTestId('join-password-confirm').fill(MEMBER.password);
    await member.getByTestId('join-submit').click();
    await member.waitForURL(/#\/portal$/);
    await member.context().close();
  });

  step('"Mot de passe oublié ?" sends a link that sets a new password once', async () => {
    const member = await open('forgot');
    await member.goto(`${server.url}/`);
    await member.getByTestId('login-forgot').click();
    await member.getByTestId('forgot-email').fill(MEMBER.email);
    await member.getByTestId('forgot-submit').click();
    await member.getByTestId('forgot-sent').waitFor();
    await screenshot(member, 'e2e-mail-3-forgot-sent');
    const link = linkIn(await sink.waitFor(MEMBER.email, /nouveau mot de passe/), server, '/#/reset/');

    await member.goto(link);
    await member.getByTestId('reset-password').fill(NEW_PASSWORD);
    await member.getByTestId('reset-password-confirm').fill(NEW_PASSWORD);
    await member.getByTestId('reset-submit').click();
    await member.getByTestId('login').waitFor();
    assert.equal(await text(member, 'login-notice'), fr['reset.done']);
    await member.getByTestId('login-username').fill(MEMBER.username);
    await member.getByTestId('login-password').fill(NEW_PASSWORD);
    await member.getByTestId('login-submit').click();
    await member.waitForURL(/#\/portal$/);

    await member.goto(link);
    await member.getByTestId('reset-refused').waitFor();
    assert.equal(await text(member, 'reset-refused'), fr['reset.refused.used']);
    assert.equal(await focused(member), 'reset-refused');
    await screenshot(member, 'e2e-mail-4-link-used');
  });

  step('shows no browser error besides the expected refusals (401 signed out, 502 from the refused test)', async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    const expected = ({ problem }: { who: string; problem: BrowserProblem }) =>
      problem.kind === 'console' &&
      ((/ 401 /.test(problem.text) && problem.url === `${server.url}/api/auth/me`) ||
        (/ 502 /.test(problem.text) && problem.url === `${server.url}/api/mail/test`));
    assert.deepEqual(
      problems.filter((p) => !expected(p)),
      [],
    );
  });
});
