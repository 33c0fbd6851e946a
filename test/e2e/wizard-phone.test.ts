import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { fr } from '../../web/src/lib/i18n/fr';
import { audit } from '../support/axe';
import { closeBrowser, journey, launchPage, openPage, screenshot, type BrowserProblem } from '../support/browser';
import { freePort, ServerProcess, tempDataDir } from '../support/server-process';

const PHONE = { width: 390, height: 844 };
const STEPS = ['language', 'token', 'community', 'domain', 'admin', 'features', 'review'] as const;
type Step = (typeof STEPS)[number];
const COMMUNITY = 'La Fabrique du Coin';
const LIGHT = '#f5d90a';
const ADMIN = { username: 'camille', email: 'camille@example.org', password: 'correct horse battery staple' };
const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));

/**
 * The wizard on a phone, in French, as a volunteer who gets things wrong: bad input at every step,
 * then a server whose Docker engine is unreachable (the review step says so and will not install),
 * then the same answers on a server with the engine up, installed. axe-core on every step, with the
 * default colour and with a light community colour.
 */
describe('setup wizard on a phone (French, bad input at each step, engine down then up)', () => {
  // DOCKER_HOST at a socket that does not exist: the engine is unreachable, as with a forgotten mount.
  const down = new ServerProcess(tempDataDir('e2e-phone-down'), { DOCKER_HOST: 'unix:///nonexistent.sock' });
  let up: ServerProcess;
  let browser: Browser | undefined;
  let page: Page;
  let problems: BrowserProblem[] = [];
  const { step, finished } = journey(it);

  before(async () => {
    // The real engine, with the proxy's ports kept off 80/443 (the machine is shared).
    up = new ServerProcess(tempDataDir('e2e-phone-up'), {
      PROXY_HTTP_PORT: String(await freePort()),
      PROXY_HTTPS_PORT: String(await freePort()),
    });
    await Promise.all([down.start(), up.start()]);
    ({ browser, page, problems } = await launchPage({ locale: 'fr-FR', viewport: PHONE, isMobile: true }, 15_000));
  });

  after(async () => {
    try {
      await closeBrowser(browser, page, finished(), 'e2e-wizard-phone-failure');
    } finally {
      await Promise.all([down.dispose(), up?.dispose()]);
    }
  });

  const byId = (id: string) => page.getByTestId(id);
  const text = async (id: string) => ((await byId(id).textContent()) ?? '').trim();

  async function atStep(name: Step): Promise<void> {
    await byId(`wizard-step-${name}`).waitFor();
    const number = STEPS.indexOf(name) + 1;
    assert.equal(await page.title(), `Étape ${number} sur 7 : ${fr[`wizard.step.${name}`]} — Tiers-lieu`);
    assert.equal(await page.locator('h1').count(), 1);
  }

  async function next(): Promise<void> {
    await byId('wizard-next').click();
  }

  /** A refused « Suivant »: the summary is announced and the keyboard is on the first problem. */
  async function refusedOn(field: string, message: string, count = 1): Promise<void> {
    await byId(`error-${field}`).waitFor();
    assert.equal(await text(`error-${field}`), message);
    assert.equal(await byId('wizard-error').getAttribute('role'), 'alert');
    assert.equal(await text('wizard-error'), fill(fr['wizard.errorSummary'], { count }));
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    assert.equal(focused, field, 'focus is on the first problem');
  }

  /** The admin step's four fields; the confirmation repeats the password unless told otherwise. */
  async function fillAdmin({ username, email, password }: typeof ADMIN, confirm = password): Promise<void> {
    await byId('wizard-admin-username').fill(username);
    await byId('wizard-admin-email').fill(email);
    await byId('wizard-admin-password').fill(password);
    await byId('wizard-admin-password-confirm').fill(confirm);
  }

  /** The right admin answers, then on to the features step: the same on both servers. */
  async function passAdmin(): Promise<void> {
    await fillAdmin(ADMIN);
    await next();
    await atStep('features');
  }

  async function auditBoth(name: string): Promise<void> {
    await audit(page, `${name} on a phone`);
  }

  step('refuses an empty token, then a wrong one on the token step itself, with the commands to find it', async () => {
    await page.goto(`${down.url}/`);
    await atStep('language');
    assert.equal(await byId('wizard-language-fr').isChecked(), true);
    await auditBoth('the language step');
    await screenshot(page, 'e2e-wizard-phone-1-language');
    await next();
    await atStep('token');
    assert.equal(await text('wizard-token-from-log'), 'docker logs tiers-lieux 2>&1 | grep -i token');
    assert.equal(await text('wizard-token-from-cli'), 'docker exec tiers-lieux appliance setup-token');
    assert.doesNotMatch(await byId('wizard-step-token').innerText(), /DATA_DIR/);
    await next();
    await refusedOn('wizard-token', fr['validation.required']);
    await auditBoth('the token step, empty');
    await byId('wizard-token').fill('not-the-setup-token');
    await next();
    await refusedOn('wizard-token', fr['wizard.token.rejected']);
    await atStep('token');
    await auditBoth('the token step, refused by the server');
    await screenshot(page, 'e2e-wizard-phone-2-token-refused');
    await byId('wizard-token').fill(down.setupTokenFromLog());
    await next();
    await atStep('community');
  });

  step('refuses an empty community name', async () => {
    await byId('wizard-community-name').fill('   ');
    await next();
    await refusedOn('wizard-community-name', fr['validation.name']);
    await auditBoth('the community step, name refused');
    await screenshot(page, 'e2e-wizard-phone-3-community-refused');
    await byId('wizard-community-name').fill(COMMUNITY);
    await next();
    await atStep('domain');
  });

  step(
    'tells a name with spaces from a bare word, keeps the host of a pasted address, lists the DNS records',
    async () => {
      await byId('wizard-domain').fill('mon asso');
      await next();
      await refusedOn('wizard-domain', fr['wizard.domain.notHost']);
      await byId('wizard-domain').fill('monasso');
      await next();
      await refusedOn('wizard-domain', fr['wizard.domain.noDot']);
      await auditBoth('the domain step, refused');
      await screenshot(page, 'e2e-wizard-phone-4-domain-refused');
      await byId('wizard-domain').fill('https://fabrique.example.org:8443/accueil');
      assert.equal(
        await text('wizard-domain-from-url'),
        fill(fr['wizard.domain.fromUrl'], { domain: 'fabrique.example.org' }),
      );
      await byId('wizard-dns').waitFor();
      const names = await byId('wizard-dns-record').locator('td.name').allTextContents();
      assert.deepEqual(names, [
        'fabrique.example.org',
        'admin.fabrique.example.org',
        'matrix.fabrique.example.org',
        'chat.fabrique.example.org',
        'pad.fabrique.example.org',
        'files.fabrique.example.org',
      ]);
      assert.match(await text('wizard-dns-intro'), new RegExp(fr['wizard.dns.thisServer']));
      await auditBoth('the domain step with its DNS records');
      await screenshot(page, 'e2e-wizard-phone-4-domain-dns');
      await next();
      await atStep('admin');
    },
  );

  step('refuses a bad username, a bad e-mail, a weak password and a different confirmation', async () => {
    await fillAdmin({ username: 'No Spaces!', email: 'camille@', password: 'short' }, 'other');
    await next();
    await refusedOn('wizard-admin-username', fr['validation.username'], 4);
    assert.equal(await text('error-wizard-admin-email'), fr['validation.email']);
    assert.equal(await text('error-wizard-admin-password'), fr['validation.passwordShort']);
    await auditBoth('the admin step, refused');
    await screenshot(page, 'e2e-wizard-phone-5-admin-refused');
    await passAdmin();
    await auditBoth('the features step');
    await next();
  });

  step(
    'the review step says the engine does not answer, and « Installer » stays disabled with the reason',
    async () => {
      await atStep('review');
      await byId('preflight-engine').waitFor();
      assert.equal(await byId('preflight-engine').getAttribute('data-status'), 'failed');
      const reason = fill(fr['preflight.engine.unreachable'], { socket: '/nonexistent.sock' });
      assert.match(await text('preflight-engine'), new RegExp(reason.slice(0, 40)));
      assert.equal(await byId('preflight-ports').getAttribute('data-status'), 'unknown');
      assert.equal(await byId('wizard-submit').isDisabled(), true);
      assert.equal(await text('wizard-install-blocked'), fill(fr['preflight.blocked'], { reason }));
      assert.equal(await byId('wizard-submit').getAttribute('aria-describedby'), 'wizard-install-blocked');
      assert.equal(await byId('preflight-plan').locator('li').count(), 4, 'base, chat, pad and files');
      await auditBoth('the review step, engine unreachable');
      await screenshot(page, 'e2e-wizard-phone-7-review-engine-down');
    },
  );

  step('every step passes axe-core with the light colour too', async () => {
    for (let index = STEPS.length - 2; index >= 0; index -= 1) {
      await byId('wizard-back').click();
      await atStep(STEPS[index]);
      if (STEPS[index] === 'community') await byId('wizard-community-color').fill(LIGHT);
    }
    for (const name of STEPS) {
      if (name !== 'language') {
        await next();
        await atStep(name);
      }
      await auditBoth(`the ${name} step (${LIGHT})`);
    }
    await byId('preflight-engine').waitFor();
    await auditBoth(`the review step, engine unreachable (${LIGHT})`);
    await screenshot(page, 'e2e-wizard-phone-7-review-engine-down-light');
  });

  step('with the engine up, the same answers install: pre-flight passes and the dashboard opens', async () => {
    const upPage = await openPage(browser!, { locale: 'fr-FR', viewport: PHONE, isMobile: true }, 15_000);
    page = upPage.page;
    problems = upPage.problems;
    await page.goto(`${up.url}/`);
    await atStep('language');
    await next();
    await byId('wizard-token').fill(up.setupTokenFromLog());
    await next();
    await atStep('community');
    await byId('wizard-community-name').fill(COMMUNITY);
    await byId('wizard-community-color').fill(LIGHT);
    await next();
    await byId('wizard-domain').fill('fabrique.example.org');
    await next();
    await passAdmin();
    // Nothing to download on a shared test machine: the install itself is what is checked here.
    for (const id of ['chat', 'pad', 'files']) await byId(`wizard-feature-${id}`).uncheck();
    await next();
    await atStep('review');
    await byId('preflight-engine').waitFor();
    assert.equal(await byId('preflight-engine').getAttribute('data-status'), 'ok');
    assert.equal(await text('preflight-plan'), fr['preflight.plan.none']);
    assert.equal(await byId('wizard-install-blocked').count(), 0);
    assert.equal(await byId('wizard-submit').isEnabled(), true);
    await auditBoth(`the review step, engine up (${LIGHT})`);
    await screenshot(page, 'e2e-wizard-phone-7-review-engine-up');
    await byId('wizard-submit').click();
    await byId('dashboard').waitFor();
    await screenshot(page, 'e2e-wizard-phone-8-dashboard');
  });

  step('shows no page error, and no failed request besides the refused token', () => {
    assert.deepEqual(
      problems.filter((p) => p.kind !== 'console'),
      [],
    );
  });
});
