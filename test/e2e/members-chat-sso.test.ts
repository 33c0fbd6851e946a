import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  applianceEnv,
  applianceIdOf,
  ADMIN_PASSWORD,
  completeSetup,
  DOMAIN,
  matrixLogin,
  newChatAdminPassword,
  startAppliance,
  viaProxy,
  waitFeature,
} from '../support/appliance';
import { collectProblems, journey, launchChromium, screenshot, type BrowserProblem } from '../support/browser';
import { eventually } from '../support/eventually';
import type { ServerProcess } from '../support/server-process';
import { setupPayload } from '../support/setup-payload';
import { cleanupAppliance, requireEngineAndImages } from '../support/test-images';
import { TlsFront } from '../support/tls-front';

const COMMUNITY = setupPayload('').community.name;
const MEMBER = { username: 'dominique', password: 'un mot de passe de membre assez long' };
const MESSAGE = 'Bonjour à toutes et à tous, depuis le navigateur !';
/** Element's address: Synapse sends the login token back there, as to the real Element. */
const ELEMENT = `https://chat.${DOMAIN}/`;

/**
 * Acceptance 1 of the members issue, in Chromium: an admin invites, a member joins in a fresh browser
 * and signs in to the real Synapse through the community's provider, then writes in « Général ». TLS
 * is off on the appliance, behind a front that terminates HTTPS (as in the integration test): every
 * page is the public https:// address. Element is a stand-in in the test images, so the member
 * follows the button Element draws from Synapse's login flows ("Continue with <community>"): Synapse's
 * SSO redirect for that identity provider, back to Element's address with a login token, which the
 * test exchanges as Element would.
 */
describe('a member signs in to chat through the community (Chromium, real Synapse, TLS off behind a front)', () => {
  let env: Record<string, string>;
  let server: ServerProcess;
  let front: TlsFront;
  let browser: Browser | undefined;
  let applianceId = '';
  let adminToken = '';
  let generalId = '';
  let link = '';
  let memberToken = '';
  const contexts: BrowserContext[] = [];
  const problems: BrowserProblem[] = [];
  const { step, finished } = journey(it);
  let member: Page;

  const matrix = (path: string, init: { method?: string; body?: unknown; token?: string } = {}) =>
    viaProxy(env.PROXY_HTTP_PORT, `matrix.${DOMAIN}`, path, init);

  async function freshPage(): Promise<Page> {
    const context = await browser!.newContext({
      locale: 'fr-FR',
      ignoreHTTPSErrors: true,
      viewport: { width: 1280, height: 900 },
    });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    for (const problem of collectProblems(page)) problems.push(problem);
    return page;
  }

  before(async () => {
    await requireEngineAndImages();
    // Caddy reaches the manager on the host through host.docker.internal: it must listen beyond loopback.
    env = await applianceEnv({ HOST: '0.0.0.0' });
    server = await startAppliance('e2e-members-sso', env);
    const admin = await completeSetup(server, ['chat']);
    applianceId = await applianceIdOf(server, admin);
    await waitFeature(server, admin, 'chat', (s) => s.state === 'running' && s.health === 'healthy');
    const { password } = await newChatAdminPassword(server, admin);
    const login = await matrixLogin(env.PROXY_HTTP_PORT, 'camille', password);
    assert.equal(login.status, 200, JSON.stringify(login.body));
    adminToken = login.body.access_token as string;
    generalId = await eventually(async () => {
      const res = await matrix(`/_matrix/client/v3/directory/room/${encodeURIComponent(`#general:${DOMAIN}`)}`);
      return res.status === 200 ? (res.body.room_id as string) : undefined;
    }, '« Général » exists');
    front = new TlsFront(DOMAIN, Number(env.PROXY_HTTP_PORT));
    await front.start();
    browser = await launchChromium([front.hostResolverRules()]);
  });

  after(async () => {
    if (!finished() && member && !member.isClosed()) await screenshot(member, 'e2e-sso-failure').catch(() => undefined);
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await front?.stop();
    await server?.dispose();
    if (applianceId) await cleanupAppliance(applianceId);
  });

  step('the admin creates a member invitation on the dashboard, at the community address', async () => {
    const admin = await freshPage();
    // The community's address shows visitors the portal: the sign-in page is asked for by name.
    await admin.goto(`https://${DOMAIN}/#/login`);
    await admin.getByTestId('login-username').fill('camille');
    await admin.getByTestId('login-password').fill(ADMIN_PASSWORD);
    await admin.getByTestId('login-submit').click();
    await admin.getByTestId('member-invite-submit').click();
    const field = admin.getByTestId('member-invite-link');
    await field.waitFor();
    link = await field.inputValue();
    assert.match(link, new RegExp(`^https://${DOMAIN.replace('.', '\\.')}/#/join/`));
    await screenshot(admin, 'e2e-sso-1-admin-invitation');
  });

  step('the member opens the link in a fresh browser, sets a password and is in', async () => {
    member = await freshPage();
    await member.goto(link);
    await member.getByTestId('join-username').fill(MEMBER.username);
    await member.getByTestId('join-password').fill(MEMBER.password);
    await member.getByTestId('join-password-confirm').fill(MEMBER.password);
    await screenshot(member, 'e2e-sso-2-join');
    await member.getByTestId('join-submit').click();
    await member.waitForURL((url) => !url.hash.startsWith('#/join/'));
    assert.equal(await member.title().then((t) => t.length > 0), true, 'a real page title');
    await screenshot(member, 'e2e-sso-3-member-in');
  });

  step(`chat offers one "Continue with ${COMMUNITY}", which signs the member in to Synapse`, async () => {
    // What Element draws its button from: Synapse's login flows name the one identity provider.
    const flows = await matrix('/_matrix/client/v3/login');
    const sso = (
      flows.body.flows as Array<{ type: string; identity_providers?: Array<{ id: string; name: string }> }>
    ).find((f) => f.type === 'm.login.sso');
    assert.deepEqual(
      sso?.identity_providers?.map((p) => p.name),
      [COMMUNITY],
    );
    const idp = sso.identity_providers[0].id;

    // The button's target: Synapse's SSO redirect for that provider, back to Element.
    const trail: string[] = [];
    member.on('response', (r) => trail.push(`${r.status()} ${r.url()}`));
    try {
      await member.goto(
        `https://matrix.${DOMAIN}/_matrix/client/v3/login/sso/redirect/${idp}?redirectUrl=${encodeURIComponent(ELEMENT)}`,
      );
      await member.waitForURL((url) => url.href.startsWith(ELEMENT) && url.searchParams.has('loginToken'));
    } catch (error) {
      throw new Error(`${String(error)}\npages: ${trail.join('\n')}\nfront: ${front.errors.join('\n')}`);
    }
    await screenshot(member, 'e2e-sso-4-back-in-chat');
    const token = new URL(member.url()).searchParams.get('loginToken')!;
    const login = await matrix('/_matrix/client/v3/login', { method: 'POST', body: { type: 'm.login.token', token } });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    assert.equal(login.body.user_id, `@${MEMBER.username}:${DOMAIN}`);
    memberToken = login.body.access_token as string;
  });

  step('the member writes in « Général », which the admin reads', async () => {
    const rooms = await matrix('/_matrix/client/v3/joined_rooms', { token: memberToken });
    assert.ok((rooms.body.joined_rooms as string[]).includes(generalId), 'joined « Général » on the way in');
    const sent = await matrix(`/_matrix/client/v3/rooms/${encodeURIComponent(generalId)}/send/m.room.message/e2e1`, {
      method: 'PUT',
      token: memberToken,
      body: { msgtype: 'm.text', body: MESSAGE },
    });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    const messages = await matrix(`/_matrix/client/v3/rooms/${encodeURIComponent(generalId)}/messages?dir=b&limit=20`, {
      token: adminToken,
    });
    const chunk = messages.body.chunk as Array<{ sender: string; content: { body?: string } }>;
    assert.ok(chunk.some((e) => e.sender === `@${MEMBER.username}:${DOMAIN}` && e.content.body === MESSAGE));
    // The pages the people saw raised nothing (the stand-in's missing favicon aside).
    const unexpected = problems.filter((p) => !p.url.endsWith('/favicon.ico'));
    assert.deepEqual(unexpected, [], JSON.stringify(unexpected));
  });
});
