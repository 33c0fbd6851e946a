import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { fr } from '../../web/src/lib/i18n/fr';
import { closeBrowser, journey, LAPTOP, launchPage, screenshot, type BrowserProblem } from '../support/browser';
import { addMember, endApplianceJourney, logIn, startSetUpWithoutFeatures } from '../support/e2e-appliance';
import { ServerProcess, tempDataDir } from '../support/server-process';
import { setupPayload } from '../support/setup-payload';

const DOMAIN = setupPayload('').domain;
const CALLBACK = `https://matrix.${DOMAIN}/_synapse/client/oidc/callback`;
const MEMBER = { username: 'dominique', password: 'a long enough password' };

/** An authorization request as Synapse makes one (code flow, PKCE), on the manager's own address. */
function authorizationUrl(base: string): { url: string; state: string } {
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(8).toString('hex');
  const query = new URLSearchParams({
    client_id: 'synapse',
    response_type: 'code',
    scope: 'openid profile',
    redirect_uri: CALLBACK,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    state,
  });
  return { url: `${base}/oidc/auth?${query.toString()}`, state };
}

/** The sign-in page on a service's behalf: back to the provider after the sign-in, refused when suspended. */
describe('single sign-on in the browser: the sign-in page returns to the provider (French)', () => {
  // No feature chosen at setup: the provider needs no engine.
  const server = new ServerProcess(tempDataDir('e2e-oidc'), { TLS_MODE: 'off' });
  let browser: Browser | undefined;
  let page: Page;
  let problems: BrowserProblem[] = [];
  let admin = { cookie: '', csrf: '' };
  let memberId = '';
  const reached: string[] = [];
  const { step, finished } = journey(it);

  /** A fresh browser at the service's "Sign in with…" link. */
  async function startSignIn(): Promise<string> {
    await closeBrowser(browser, page, true, 'oidc');
    ({ browser, page, problems } = await launchPage({ locale: 'fr-FR', viewport: LAPTOP }));
    // The service's host does not resolve here: its callback is seen as a request, never served.
    page.on('request', (r) => {
      if (r.url().startsWith(`${CALLBACK}?`)) reached.push(r.url());
    });
    const { url, state } = authorizationUrl(server.url);
    await page.goto(url);
    await page.getByTestId('login').waitFor();
    return state;
  }

  async function signIn(): Promise<void> {
    await logIn(page, MEMBER);
  }

  before(async () => {
    admin = await startSetUpWithoutFeatures(server);
    await addMember(server.url, admin, MEMBER);
    const members = await request(server.url).get('/api/members').set('Cookie', admin.cookie).expect(200);
    memberId = (members.body as Array<{ id: string; username: string }>).find(
      (m) => m.username === MEMBER.username,
    )!.id;
  });

  after(() => endApplianceJourney('oidc-sign-in', finished(), { browser, page, server }));

  step('a member without a session is asked to sign in, on behalf of the service', async () => {
    const state = await startSignIn();
    assert.match(new URL(page.url()).search, /^\?return=%2Foidc%2Finteraction%2F/);
    assert.equal(await page.getByTestId('login-oidc-continue').textContent(), fr['login.oidcContinue']);
    await screenshot(page, 'oidc-sign-in-asked');
    const sent = page.waitForRequest((r) => r.url().startsWith(`${CALLBACK}?`));
    await signIn();
    const callback = new URL((await sent).url());
    assert.equal(callback.searchParams.get('state'), state);
    assert.ok(callback.searchParams.get('code'), 'the service receives a code');
  });

  step('a suspended member is refused with a clear message', async () => {
    await request(server.url)
      .patch(`/api/members/${memberId}`)
      .set({ Cookie: admin.cookie, 'x-csrf-token': admin.csrf })
      .send({ status: 'suspended' })
      .expect(200);
    const before = reached.length;
    await startSignIn();
    await signIn();
    const alert = page.getByTestId('login-error');
    await alert.waitFor();
    assert.equal((await alert.textContent())?.trim(), fr['login.suspended']);
    await screenshot(page, 'oidc-sign-in-suspended');
    assert.equal(reached.length, before, 'the service gets no code');
    const unexpected = problems.filter((p) => !/ 40[13] /.test(p.text) || !p.url.includes('/api/auth/'));
    assert.deepEqual(unexpected, []);
  });
});
