import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { artifactsDir, closeBrowser, launchPage, type BrowserProblem } from './browser';
import { freePort, ServerProcess, tempDataDir } from './server-process';
import { sessionFrom, setupPayload } from './setup-payload';
import { cleanupAppliance, requireEngineAndImages, testImageOverrides } from './test-images';

/**
 * Starts a manager named `name` on the real engine with the test images (no TLS, its proxy on free ports
 * unless `proxyHttpPort` is given) and sets it up with no feature enabled. `keep` gets the server as soon
 * as it exists, so that the journey's `after` ends it even when starting or the setup fails.
 */
export async function startApplianceWithoutFeatures(
  name: string,
  keep: (server: ServerProcess) => void,
  proxyHttpPort?: number,
): Promise<{ cookie: string; applianceId: string }> {
  await requireEngineAndImages();
  const server = new ServerProcess(tempDataDir(name), {
    TLS_MODE: 'off',
    PROXY_HTTP_PORT: String(proxyHttpPort ?? (await freePort())),
    PROXY_HTTPS_PORT: String(await freePort()),
    IMAGE_OVERRIDES: JSON.stringify(testImageOverrides()),
  });
  keep(server);
  await server.start();
  return setUpWithoutFeatures(server);
}

/** A page the size of a laptop screen, without animations (screenshots show a bar where it is, not mid-transition). */
export function launchDashboardPage(
  locale: string,
  options: BrowserContextOptions = {},
): Promise<{ browser: Browser; page: Page; problems: BrowserProblem[] }> {
  return launchPage({ locale, viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce', ...options });
}

/**
 * What the browser reports on any dashboard journey: the 401 of the session check before logging in, and
 * the event stream aborted when the page goes.
 */
export function expectedOnDashboard(p: BrowserProblem): boolean {
  return (
    (p.kind === 'console' && / 401 /.test(p.text) && p.url.endsWith('/api/auth/me')) ||
    (p.kind === 'requestfailed' && /ERR_ABORTED/.test(p.text) && /\/events$/.test(p.url))
  );
}

/** Fills the login form already on `page` and sends it. */
export async function logIn(page: Page, admin: { username: string; password: string }): Promise<void> {
  await page.getByTestId('login-username').fill(admin.username);
  await page.getByTestId('login-password').fill(admin.password);
  await page.getByTestId('login-submit').click();
}

/**
 * Sets the appliance up through the API with no feature enabled (the browser does the rest), and reads
 * its applianceId, which the test needs to clean its containers up afterwards.
 */
export async function setUpWithoutFeatures(server: ServerProcess): Promise<{ cookie: string; applianceId: string }> {
  const setup = await fetch(`${server.url}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...setupPayload(server.setupTokenFromLog()), features: [] }),
  });
  assert.equal(setup.status, 201, await setup.text());
  const { cookie } = sessionFrom(setup.headers.getSetCookie());
  const settings = (await (await fetch(`${server.url}/api/settings`, { headers: { cookie } })).json()) as {
    applianceId?: unknown;
  };
  if (typeof settings.applianceId !== 'string' || settings.applianceId === '') {
    throw new Error(`GET /api/settings gave no applianceId, needed to clean up: ${JSON.stringify(settings)}`);
  }
  return { cookie, applianceId: settings.applianceId };
}

/**
 * After a journey on a real appliance: a failed one keeps its screenshot and the manager's log; then the
 * browser closes, the manager goes (with its redis-server and data directory), and so do its containers.
 */
export async function endApplianceJourney(
  name: string,
  finished: boolean,
  parts: { browser?: Browser; page?: Page; server?: ServerProcess; applianceId?: string },
): Promise<void> {
  try {
    await closeBrowser(parts.browser, parts.page, finished, `${name}-failure`);
  } finally {
    if (parts.server && !finished) writeFileSync(join(artifactsDir(), `${name}-server.log`), parts.server.log);
    await parts.server?.dispose();
    // Only what this appliance created: containers, volumes and networks labelled with its id.
    if (parts.applianceId) await cleanupAppliance(parts.applianceId);
  }
}
