import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { fr } from '../../web/src/lib/i18n/fr';
import { audit } from '../support/axe';
import { artifactsDir, closeBrowser, collectProblems, journey, launchChromium, screenshot } from '../support/browser';
import { logIn } from '../support/e2e-appliance';
import { eventually } from '../support/eventually';
import { freePort, ServerProcess, tempDataDir } from '../support/server-process';
import { setupPayload } from '../support/setup-payload';

const ADMIN = setupPayload('').admin;
const HUB_NAME = 'Coop des Chatons';
const COMMUNITY = 'La Fabrique du Coin';

/**
 * Issue 12, acceptance 7, end to end with two real processes and one browser: the co-op's admin mints
 * a code on the hub (MODE=upstream), a community's admin pastes it on their own dashboard, checks who
 * the host is and consents, and the hub's fleet view then lists the community as seen. French.
 */
describe('joining a mutualised host in the browser: the code minted on the hub, the community in its fleet', () => {
  let hub: ServerProcess;
  let community: ServerProcess;
  let browser: Browser | undefined;
  let hubPage: Page;
  let communityPage: Page;
  const { step, finished } = journey(it);
  let code = '';
  let fingerprint = '';

  async function newPage(): Promise<Page> {
    const context = await browser!.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    collectProblems(page);
    return page;
  }

  before(async () => {
    const port = await freePort();
    hub = new ServerProcess(tempDataDir('e2e-fleet-hub'), {
      MODE: 'upstream',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DOCKER_HOST: 'unix:///nonexistent/docker.sock',
    });
    community = new ServerProcess(tempDataDir('e2e-fleet-community'), { TLS_MODE: 'off', LINK_HEARTBEAT_MS: '500' });
    await Promise.all([hub.start(), community.start()]);
    await request(hub.url)
      .post('/api/setup')
      .send({
        ...setupPayload(hub.setupTokenFromLog()),
        community: { name: HUB_NAME, color: '#5b3f8c' },
        features: [],
      })
      .expect(201);
    await request(community.url)
      .post('/api/setup')
      .send({ ...setupPayload(community.setupTokenFromLog()), features: [] })
      .expect(201);
    browser = await launchChromium();
    [hubPage, communityPage] = await Promise.all([newPage(), newPage()]);
  });

  after(async () => {
    const ok = finished();
    try {
      if (!ok && communityPage && !communityPage.isClosed()) {
        await screenshot(communityPage, 'e2e-fleet-journey-community-failure').catch(() => undefined);
      }
      await closeBrowser(browser, hubPage, ok, 'e2e-fleet-journey-hub-failure');
    } finally {
      if (!ok) {
        writeFileSync(join(artifactsDir(), 'e2e-fleet-journey-hub.log'), hub?.log ?? '');
        writeFileSync(join(artifactsDir(), 'e2e-fleet-journey-community.log'), community?.log ?? '');
      }
      await Promise.all([hub?.dispose(), community?.dispose()]);
    }
  });

  step('on the hub, the co-op invites the community: a code to hand over', async () => {
    await hubPage.goto(`${hub.url}/`);
    await logIn(hubPage, ADMIN);
    await hubPage.getByTestId('fleet-hub').waitFor();
    fingerprint = ((await hubPage.getByTestId('fleet-fingerprint').textContent()) ?? '').trim();
    await hubPage.getByTestId('fleet-invite-community').fill(COMMUNITY);
    await hubPage.getByTestId('fleet-invite-submit').click();
    await hubPage.getByTestId('fleet-code').waitFor();
    code = await hubPage.getByTestId('fleet-code-value').inputValue();
    assert.ok(code.length > 20, code);
    await audit(hubPage, 'the hub with a fresh code');
    await screenshot(hubPage, 'e2e-fleet-journey-1-code');
  });

  step('on its own dashboard, the community pastes the code and sees who the host is before joining', async () => {
    await communityPage.goto(`${community.url}/`);
    await logIn(communityPage, ADMIN);
    await communityPage.getByTestId('federation-form').waitFor();
    await communityPage.getByTestId('federation-code').fill(code);
    await communityPage.getByTestId('federation-check').click();
    await communityPage.getByTestId('federation-preview').waitFor();
    assert.equal((await communityPage.getByTestId('federation-preview-name').textContent())?.trim(), HUB_NAME);
    assert.equal(
      (await communityPage.getByTestId('federation-preview-fingerprint').textContent())?.trim(),
      fingerprint,
    );
    await audit(communityPage, 'the preview of the host');
    await screenshot(communityPage, 'e2e-fleet-journey-2-preview');
    await communityPage.getByTestId('federation-consent').click();
    await communityPage.getByTestId('federation-state').waitFor();
    assert.equal(
      (await communityPage.getByTestId('federation-state').textContent())?.trim(),
      `Ce serveur est suivi par ${HUB_NAME}.`,
    );
    await screenshot(communityPage, 'e2e-fleet-journey-3-joined');
  });

  step("the hub's fleet view lists the community as active and seen", async () => {
    const row = hubPage.getByTestId('fleet-community');
    await eventually(
      async () => {
        await hubPage.getByTestId('fleet-communities').getByRole('button', { name: fr['dashboard.refresh'] }).click();
        if ((await row.count()) !== 1) return false;
        const text = (await row.textContent()) ?? '';
        return text.includes(fr['fleet.lastSeen'].split('{')[0]) && !text.includes(fr['fleet.neverSeen']);
      },
      'the community seen in the fleet view',
      { timeoutMs: 30_000 },
    );
    assert.equal((await row.getByTestId('fleet-community-name').textContent())?.trim(), COMMUNITY);
    assert.equal((await row.getByTestId('fleet-community-status').textContent())?.trim(), fr['fleet.status.active']);
    // A manager started from the sources has no image version: said in French, like everything else.
    const text = (await row.textContent()) ?? '';
    assert.ok(!/unknown|chat|files/.test(text), text);
    await audit(hubPage, 'the fleet with the community');
    await screenshot(hubPage, 'e2e-fleet-journey-4-fleet');
  });
});
