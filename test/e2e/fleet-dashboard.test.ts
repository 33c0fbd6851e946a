import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { decodeEnrollmentCode } from '../../server/src/fleet-link/enrollment-code';
import { publicKeyToBase64 } from '../../server/src/fleet-link/key-fingerprint';
import { signRequest } from '../../server/src/fleet-link/link-signature';
import type { SignedCommand } from '../../server/src/fleet-link/link.types';
import { fr } from '../../web/src/lib/i18n/fr';
import { journey, launchChromium, openPage, screenshot, type BrowserProblem } from '../support/browser';
import { endApplianceJourney, logIn, startSetUpWithoutFeatures } from '../support/e2e-appliance';
import { ServerProcess, tempDataDir } from '../support/server-process';
import { setupPayload } from '../support/setup-payload';

const ADMIN = setupPayload('').admin;
const DEVICE = generateKeyPairSync('ed25519');

describe("the hub's fleet in the browser (upstream mode, French): invite, see, send a task, cut off", () => {
  // An upstream needs no Docker engine.
  const server = new ServerProcess(tempDataDir('e2e-fleet'), {
    MODE: 'upstream',
    DOCKER_HOST: 'unix:///nonexistent/docker.sock',
  });
  let browser: Browser | undefined;
  let page: Page;
  let seen: BrowserProblem[] = [];
  let applianceId = '';
  const { step, finished } = journey(it);

  /** A request signed as a community's server signs it (fleet-link/link-signature.ts). */
  function device(method: 'GET' | 'POST', path: string, body?: unknown, id = applianceId) {
    const text = body === undefined ? '' : JSON.stringify(body);
    const headers = signRequest(DEVICE.privateKey, {
      method,
      path,
      body: text,
      timestamp: new Date().toISOString(),
      nonce: randomBytes(18).toString('base64url'),
      applianceId: id || undefined,
    });
    const req = method === 'GET' ? request(server.url).get(path) : request(server.url).post(path);
    req.set(headers);
    if (method === 'POST') req.set('Content-Type', 'application/json').send(text);
    return req;
  }

  before(async () => {
    await startSetUpWithoutFeatures(server);
    browser = await launchChromium();
    ({ page, problems: seen } = await openPage(browser, { locale: 'fr-FR', viewport: { width: 1280, height: 1000 } }));
  });

  after(() => endApplianceJourney('e2e-fleet', finished(), { browser, page, server }));

  step("the hub's admin signs in and sees the hub, not a community's tools", async () => {
    await page.goto(`${server.url}/`);
    await logIn(page, ADMIN);
    await page.getByTestId('fleet-hub').waitFor();
    assert.match((await page.getByTestId('fleet-fingerprint').textContent()) ?? '', /^([0-9a-f]{4}:){7}[0-9a-f]{4}$/);
    assert.equal(await page.getByTestId('features').count(), 0);
    await page.getByTestId('fleet-communities-empty').waitFor();
  });

  step('invites a community: the code, its QR code and its expiry are shown', async () => {
    await page.getByTestId('fleet-invite-community').fill('La Fabrique');
    await page.getByTestId('fleet-invite-submit').click();
    await page.getByTestId('fleet-code').waitFor();
    const code = await page.getByTestId('fleet-code-value').inputValue();
    const decoded = decodeEnrollmentCode(code);
    assert.ok(decoded);
    assert.equal(decoded.fingerprint, (await page.getByTestId('fleet-fingerprint').textContent())?.trim());
    // Drawn in the browser once the encoder is loaded, named in words for those who cannot see it.
    const qr = page.getByRole('img', { name: /La Fabrique/ });
    await qr.waitFor();
    assert.equal(await qr.getAttribute('data-testid'), 'fleet-code-qr');
    assert.match((await qr.getAttribute('src')) ?? '', /^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
    await page.getByTestId('fleet-codes').getByText('La Fabrique').waitFor();

    const enrolled = await device(
      'POST',
      '/api/fleet/device/enroll',
      { token: decoded.token, publicKey: publicKeyToBase64(DEVICE.publicKey), name: 'La Fabrique', version: '0.1.0' },
      '',
    ).expect(201);
    applianceId = enrolled.body.applianceId as string;
    await device('POST', '/api/fleet/device/heartbeat', {
      version: '0.1.0',
      services: [{ name: 'chat', state: 'running', health: 'unhealthy' }],
      diskFreeBytes: 5 * 1024 ** 3,
      lastBackupAt: null,
    }).expect(200);
  });

  step('the community is listed with what needs attention, also under the filter', async () => {
    await page.getByTestId('fleet-communities').getByRole('button', { name: fr['dashboard.refresh'] }).click();
    const row = page.getByTestId('fleet-community');
    await row.getByText(fr['fleet.attention.serviceUnhealthy']).waitFor();
    assert.equal((await row.getByTestId('fleet-community-status').textContent())?.trim(), fr['fleet.status.active']);
    await page.getByTestId('fleet-attention-only').check();
    await row.getByText(fr['fleet.attention.noRecentBackup']).waitFor();
  });

  step('sends a backup task; the community runs it and its result shows', async () => {
    await page.getByTestId('fleet-task-backup.run').click();
    await page.getByTestId('fleet-task-done').waitFor();
    const polled = (await device('GET', '/api/fleet/device/commands').expect(200)).body as SignedCommand[];
    assert.equal(polled.length, 1);
    assert.equal(polled[0].command.type, 'backup.run');
    await device('POST', `/api/fleet/device/commands/${polled[0].command.id}/ack`, {
      outcome: 'done',
      detail: 'backup.done',
    }).expect(204);
    await page.getByTestId('fleet-tasks-toggle').click();
    await page.getByTestId('fleet-tasks').getByText(fr['fleet.taskStatus.done'], { exact: false }).waitFor();
  });

  step('cuts the community off after confirming; its requests are refused from then on', async () => {
    await page.getByTestId('fleet-attention-only').uncheck();
    await page.getByTestId('fleet-revoke').click();
    await page.getByTestId('fleet-revoke-confirm').click();
    await page.getByTestId('fleet-communities-done').waitFor();
    await page.getByTestId('fleet-community-status').filter({ hasText: fr['fleet.status.revoked'] }).waitFor();
    await device('POST', '/api/fleet/device/heartbeat', {
      version: '0.1.0',
      services: [],
      diskFreeBytes: null,
      lastBackupAt: null,
    }).expect(403);
    const words = ((await page.locator('main').innerText()) ?? '').toLowerCase();
    for (const word of ['appliance', 'conteneur', 'job']) assert.ok(!words.includes(word), `« ${word} » in the view`);
    await screenshot(page, 'e2e-fleet-dashboard');
    // The only expected one: "who is signed in?" answered 401 before the sign-in.
    const signedOut = (p: BrowserProblem) => / 401 /.test(p.text) && p.url === `${server.url}/api/auth/me`;
    assert.deepEqual(
      seen.filter((p) => !signedOut(p)),
      [],
    );
  });
});
