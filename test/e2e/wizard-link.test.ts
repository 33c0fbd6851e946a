import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { fr } from '../../web/src/lib/i18n/fr';
import { audit } from '../support/axe';
import { journey, LAPTOP, launchChromium, openPage, screenshot } from '../support/browser';
import { endApplianceJourney } from '../support/e2e-appliance';
import { eventually } from '../support/eventually';
import { ServerProcess, tempDataDir } from '../support/server-process';
import { setupPayload } from '../support/setup-payload';
import { StandInUpstream } from '../support/stand-in-upstream';

const { admin: ADMIN, community: COMMUNITY, domain: DOMAIN } = setupPayload('');

/**
 * Issue 12, pre-provisioned enrollment seen where a volunteer meets it first: the co-op put its code in
 * the data volume, the server joined the (stand-in) host on first boot, and the wizard's review step
 * shows that host (name, address, fingerprint, what it sees and never gets) and asks to confirm or
 * refuse before « Installer ». Installing without an answer is refused on that question; confirming
 * starts the link, and the dashboard says so.
 */
describe('the wizard asks about a host that prepared this server (French, Chromium)', () => {
  const upstream = new StandInUpstream();
  const server = new ServerProcess(tempDataDir('e2e-wizard-link'), { TLS_MODE: 'off', LINK_HEARTBEAT_MS: '200' });
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  const { step, finished } = journey(it);
  const byId = (id: string) => page.getByTestId(id);
  const text = async (id: string) => ((await byId(id).textContent()) ?? '').trim();
  const next = () => byId('wizard-next').click();

  before(async () => {
    await upstream.start();
    writeFileSync(join(server.dataDir, 'enrollment-code'), `${upstream.code()}\n`, { mode: 0o600 });
    await server.start();
    await eventually(() => !existsSync(join(server.dataDir, 'enrollment-code')), 'the code file is used on boot');
    assert.equal(upstream.enrollments.length, 1, 'joined on first boot');
    browser = await launchChromium();
    ({ context, page } = await openPage(browser, { locale: 'fr-FR', viewport: LAPTOP }));
  });

  after(async () => {
    try {
      await context?.close();
      await endApplianceJourney('e2e-wizard-link', finished(), { browser, page, server });
    } finally {
      await upstream.stop();
    }
  });

  step('the review step shows the host and what it will see; nothing is sent before an answer', async () => {
    await page.goto(`${server.url}/`);
    await byId('wizard-step-language').waitFor();
    await next();
    await byId('wizard-token').fill(server.setupTokenFromLog());
    await next();
    await byId('wizard-community-name').fill(COMMUNITY.name);
    await next();
    await byId('wizard-domain').fill(DOMAIN);
    await next();
    await byId('wizard-admin-username').fill(ADMIN.username);
    await byId('wizard-admin-email').fill(ADMIN.email);
    await byId('wizard-admin-password').fill(ADMIN.password);
    await byId('wizard-admin-password-confirm').fill(ADMIN.password);
    await next();
    for (const id of ['chat', 'pad', 'files']) await byId(`wizard-feature-${id}`).uncheck();
    await next();
    await byId('wizard-step-review').waitFor();
    await byId('wizard-link').waitFor();
    assert.equal(await text('wizard-link-url'), upstream.url);
    assert.equal(await text('wizard-link-fingerprint'), upstream.fingerprint);
    const shown = await text('wizard-link');
    assert.ok(shown.includes(upstream.name));
    for (const key of ['federation.sees.status', 'federation.never.list'] as const) assert.ok(shown.includes(fr[key]));
    await byId('preflight-engine').waitFor();
    await audit(page, 'the review step with the host to confirm');
    await screenshot(page, 'e2e-wizard-link-1-review');
    assert.equal(upstream.heartbeats.length, 0, 'nothing sent before the answer');
  });

  step('« Installer » without an answer is refused on that question, focused and announced', async () => {
    await byId('wizard-submit').click();
    await byId('wizard-link-error').waitFor();
    assert.equal(await text('wizard-link-error'), fr['wizard.link.choose']);
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('role'));
    assert.equal(focused, 'radiogroup');
    await audit(page, 'the review step, the host question unanswered');
    await screenshot(page, 'e2e-wizard-link-2-unanswered');
  });

  step('confirming installs, then the link starts: the dashboard says the host looks after it', async () => {
    await byId('wizard-link-confirm').check();
    assert.equal(await byId('wizard-link-error').count(), 0, 'answering clears the problem');
    await byId('wizard-submit').click();
    await byId('federation-state').waitFor({ timeout: 30_000 });
    assert.equal(await text('federation-state'), `Ce serveur est suivi par ${upstream.name}.`);
    await eventually(() => upstream.heartbeats.length > 0, 'heartbeats after the confirmation');
    await screenshot(page, 'e2e-wizard-link-3-dashboard');
  });
});
