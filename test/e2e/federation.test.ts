import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { keyFingerprint } from '../../server/src/fleet-link/key-fingerprint';
import { fr } from '../../web/src/lib/i18n/fr';
import { journey, LAPTOP, launchChromium, openPage, screenshot, type BrowserProblem } from '../support/browser';
import { endApplianceJourney, logIn, startSetUpWithoutFeatures } from '../support/e2e-appliance';
import { eventually } from '../support/eventually';
import { ServerProcess, tempDataDir } from '../support/server-process';
import { setupPayload } from '../support/setup-payload';
import { StandInUpstream } from '../support/stand-in-upstream';

const ADMIN = setupPayload('').admin;

/**
 * The Mutualised host card in the browser (French), against the medium tier's STAND-IN upstream (the
 * real one, MODE=upstream, comes with the fleet branch): a code for another key is refused, a good code
 * is previewed with the host's name, fingerprint and what it will and will never see, consent joins,
 * the card shows the contact, and leaving is confirmed.
 */
describe('the mutualised host card in the browser (French)', () => {
  const upstream = new StandInUpstream();
  const server = new ServerProcess(tempDataDir('e2e-federation'), { TLS_MODE: 'off', LINK_HEARTBEAT_MS: '200' });
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let seen: BrowserProblem[] = [];
  const { step, finished } = journey(it);

  const text = async (id: string) => ((await page.getByTestId(id).textContent()) ?? '').trim();
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');

  before(async () => {
    await upstream.start();
    await startSetUpWithoutFeatures(server);
    browser = await launchChromium();
    ({ context, page, problems: seen } = await openPage(browser, { locale: 'fr-FR', viewport: LAPTOP }));
  });

  after(async () => {
    try {
      await endApplianceJourney('e2e-federation', finished(), { browser, page, server });
    } finally {
      await upstream.stop();
    }
  });

  step('a code naming another key is refused, focused, before anything happens', async () => {
    await page.goto(`${server.url}/`);
    await logIn(page, ADMIN);
    await page.getByTestId('federation-form').waitFor();
    const other = keyFingerprint(generateKeyPairSync('ed25519').publicKey);
    await page.getByTestId('federation-code').fill(upstream.code(other));
    await page.getByTestId('federation-check').click();
    await page.getByTestId('federation-error').waitFor();
    assert.equal(await focused(), 'federation-error');
    assert.equal(await text('federation-error'), fr['federation.fingerprintMismatch']);
    assert.equal(upstream.enrollments.length, 0);
  });

  step('a good code shows the host, its fingerprint, what it sees and never gets; consent joins', async () => {
    await page.getByTestId('federation-code').fill(upstream.code());
    await page.getByTestId('federation-check').click();
    await page.getByTestId('federation-preview').waitFor();
    assert.equal(await text('federation-preview-name'), upstream.name);
    assert.equal(await text('federation-preview-fingerprint'), upstream.fingerprint);
    const preview = await text('federation-preview');
    for (const key of ['federation.sees.status', 'federation.sees.work', 'federation.sees.backups'] as const) {
      assert.ok(preview.includes(fr[key]), key);
    }
    assert.ok(preview.includes(fr['federation.never.list']));
    assert.equal(upstream.enrollments.length, 0, 'nothing sent before consent');
    await screenshot(page, 'e2e-federation-1-preview');
    const card = (await page.getByTestId('federation').textContent()) ?? '';
    for (const word of ['conteneur', 'appliance', 'job']) assert.ok(!card.toLowerCase().includes(word), word);

    await page.getByTestId('federation-consent').click();
    await page.getByTestId('federation-state').waitFor();
    assert.equal(await text('federation-state'), `Ce serveur est suivi par ${upstream.name}.`);
    assert.equal(await text('federation-fingerprint'), upstream.fingerprint);
    await eventually(() => upstream.heartbeats.length > 0, 'a heartbeat');
    await eventually(async () => {
      await page.getByTestId('federation').getByRole('button', { name: fr['dashboard.refresh'] }).click();
      return (await text('federation-contact')).startsWith('Dernier contact');
    }, 'the contact shown');
    await screenshot(page, 'e2e-federation-2-joined');
  });

  step('leaving asks first, tells the host, and keeps everything', async () => {
    await page.getByTestId('federation-leave').click();
    assert.equal(await page.getByTestId('federation-done').count(), 0, 'the earlier notice went');
    await page.getByTestId('confirm-federation-leave-submit').click();
    await page.getByTestId('federation-form').waitFor();
    assert.equal(await text('federation-done'), fr['federation.left']);
    assert.equal(upstream.left.length, 1);
    await screenshot(page, 'e2e-federation-3-left');
  });

  step('shows no browser error besides the expected ones (401 signed out, 409 for the other key)', async () => {
    await context?.close();
    const expected = (p: BrowserProblem) =>
      p.kind === 'console' &&
      ((/ 401 /.test(p.text) && p.url === `${server.url}/api/auth/me`) ||
        (/ 409 /.test(p.text) && p.url === `${server.url}/api/federation/preview`));
    assert.deepEqual(
      seen.filter((p) => !expected(p)),
      [],
    );
  });
});
