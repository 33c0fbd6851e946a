import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import request from 'supertest';
import { fr } from '../../web/src/lib/i18n/fr';
import { artifactsDir, closeBrowser, journey, launchPage, type BrowserProblem } from './browser';
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

/** The French job stages as patterns, each {parameter} matching `parameter` (a regular expression). */
export function frenchStages(parameter: string): { key: string; pattern: RegExp }[] {
  return Object.entries(fr)
    .filter(([key]) => key.startsWith('jobs.stage.'))
    .map(([key, text]) => {
      const escaped = text.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      return { key, pattern: new RegExp(`^${escaped.replace(/\{\w+\}/g, parameter)}$`) };
    });
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
 * Starts `server` and sets it up through the API with no feature chosen (then nothing needs the engine);
 * the first admin's session.
 */
export async function startSetUpWithoutFeatures(server: ServerProcess): Promise<{ cookie: string; csrf: string }> {
  await server.start();
  const setup = await request(server.url)
    .post('/api/setup')
    .send({ ...setupPayload(server.setupTokenFromLog()), features: [] })
    .expect(201);
  return sessionFrom(setup.headers['set-cookie']);
}

/** A members' invitation link made by `admin` through the API (single-use by default); its token. */
export async function inviteMembers(
  url: string,
  admin: { cookie: string; csrf: string },
  body: object = { kind: 'single', expiresInHours: 48 },
): Promise<string> {
  const invitation = await request(url)
    .post('/api/members/invitations')
    .set({ Cookie: admin.cookie, 'x-csrf-token': admin.csrf })
    .send(body)
    .expect(201);
  return invitation.body.token as string;
}

/** A member who accepted a single-use link from `admin` through the API; the link's token, now spent. */
export async function addMember(
  url: string,
  admin: { cookie: string; csrf: string },
  member: { username: string; password: string },
): Promise<string> {
  const token = await inviteMembers(url, admin);
  await request(url).post(`/api/members/invitations/${token}/accept`).send(member).expect(201);
  return token;
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

/** A dashboard journey's parts, set by its `before` and ended by its `after` (use them inside steps). */
export interface DashboardJourney {
  readonly server: ServerProcess;
  readonly page: Page;
  readonly cookie: string;
  readonly problems: BrowserProblem[];
  /** One step of the journey; they run in order, each on where the previous one left the page. */
  step(name: string, fn: () => Promise<void> | void): void;
  byId(id: string): Locator;
  /** The trimmed text of the element with test id `id`. */
  text(id: string): Promise<string>;
  /** Opens the dashboard and signs in as the setup's admin. */
  logIn(): Promise<void>;
}

/**
 * For a describe block: a manager set up with no feature (see startApplianceWithoutFeatures) and a
 * dashboard page in `locale` (see launchDashboardPage); a failed journey keeps its screenshot and log.
 */
export function dashboardJourney(name: string, locale: string): DashboardJourney {
  const parts: { browser?: Browser; page?: Page; server?: ServerProcess; applianceId?: string } = {};
  let cookie = '';
  let problems: BrowserProblem[] = [];
  const { step, finished } = journey(it);
  before(async () => {
    ({ cookie, applianceId: parts.applianceId } = await startApplianceWithoutFeatures(name, (s) => (parts.server = s)));
    ({ browser: parts.browser, page: parts.page, problems } = await launchDashboardPage(locale));
  });
  after(() => endApplianceJourney(name, finished(), parts));
  const started = <T>(part: T | undefined): T => {
    if (part === undefined) throw new Error(`the journey ${name} is not started (use it inside a step)`);
    return part;
  };
  const self: DashboardJourney = {
    get server() {
      return started(parts.server);
    },
    get page() {
      return started(parts.page);
    },
    get cookie() {
      return cookie;
    },
    get problems() {
      return problems;
    },
    step,
    byId: (id) => self.page.getByTestId(id),
    text: async (id) => ((await self.byId(id).textContent()) ?? '').trim(),
    async logIn() {
      await self.page.goto(`${self.server.url}/`);
      await logIn(self.page, setupPayload('').admin);
    },
  };
  return self;
}
