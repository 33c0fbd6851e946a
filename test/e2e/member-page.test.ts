import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { crc32, deflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { fr } from '../../web/src/lib/i18n/fr';
import { audit } from '../support/axe';
import { journey, LAPTOP, launchChromium, openPage, screenshot, type BrowserProblem } from '../support/browser';
import { addMember, endApplianceJourney, logIn, startSetUpWithoutFeatures } from '../support/e2e-appliance';
import { ServerProcess, tempDataDir } from '../support/server-process';
import { setupPayload } from '../support/setup-payload';

const COMMUNITY = setupPayload('').community.name;
const MEMBER = { username: 'dominique', password: 'a long enough password' };
const NEW_PASSWORD = 'Un nouveau mot de passe, plus long !';
const NAME = 'Dominique L.';

/** A French message with its placeholders filled. */
function frText(key: keyof typeof fr, params: Record<string, string> = {}): string {
  return Object.entries(params).reduce((text, [name, value]) => text.replaceAll(`{${name}}`, value), fr[key]);
}

/** A real PNG of `size`×`size` pixels of one colour (8-bit RGB), made here rather than kept as a fixture. */
function png(size: number, [r, g, b]: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => [r, g, b]).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * Issue 11, a member's page in a real browser (French): a member invited through the real routes uploads
 * and removes a picture, sets the name others see and changes their password; a wrong current password is announced and focused.
 * No feature is chosen at setup: none of this needs the engine.
 */
describe('a member’s own page in the browser (French): picture, name and password', () => {
  const server = new ServerProcess(tempDataDir('e2e-member-page'), { TLS_MODE: 'off' });
  let browser: Browser | undefined;
  let page: Page;
  let problems: BrowserProblem[] = [];
  let admin: { cookie: string; csrf: string };
  const { step, finished } = journey(it);

  const text = async (id: string) => ((await page.getByTestId(id).textContent()) ?? '').trim();
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');

  async function signIn(password: string) {
    await logIn(page, { username: MEMBER.username, password });
  }

  /** The name the admins' list of members shows, read through the API. */
  async function listedName(): Promise<string | null> {
    const res = await request(server.url)
      .get('/api/members')
      .set({ Cookie: admin.cookie, 'x-csrf-token': admin.csrf })
      .expect(200);
    const found = (res.body as Array<{ username: string; displayName: string | null }>).find(
      (m) => m.username === MEMBER.username,
    );
    assert.ok(found, 'the member is listed');
    return found.displayName;
  }

  before(async () => {
    admin = await startSetUpWithoutFeatures(server);
    await addMember(server.url, admin, MEMBER);
    browser = await launchChromium();
    ({ page, problems } = await openPage(browser, { locale: 'fr-FR', viewport: LAPTOP }));
  });

  after(() => endApplianceJourney('e2e-member-page', finished(), { browser, page, server }));

  step('the member signs in and opens their page: a real title, one h1, the name field empty', async () => {
    await page.goto(`${server.url}/#/login`);
    await signIn(MEMBER.password);
    await page.waitForURL(/#\/portal$/);
    await page.getByTestId('portal-my-account').click();
    await page.getByTestId('member-home').waitFor();
    await page.getByTestId('me-display-name').waitFor(); // the account has been read (GET /api/me)
    assert.equal(await page.title(), `${fr['me.pageTitle']} — ${COMMUNITY}`);
    assert.equal(await page.locator('h1').count(), 1);
    assert.equal(await text('member-title'), frText('memberHome.title', { username: MEMBER.username }));
    assert.equal(await page.getByTestId('me-display-name').inputValue(), '');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
    await audit(page, 'the member page');
    await screenshot(page, 'e2e-member-page-1-fr');
  });

  step('no picture yet: none asked for; a file that is not a picture is refused before anything is sent', async () => {
    assert.equal(await text('me-avatar-none'), fr['me.avatar.none']);
    assert.equal(await page.getByTestId('me-avatar-image').count(), 0);
    await page.getByTestId('me-avatar-file').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('not a picture'),
    });
    assert.equal(await text('error-me-avatar-file'), fr['me.avatar.type']);
    assert.equal(await page.getByTestId('error-me-avatar-file').getAttribute('role'), 'alert');
    assert.equal(await page.getByTestId('me-avatar-file').getAttribute('aria-invalid'), 'true');
  });

  step('the member uploads a picture: confirmed and shown (really decoded), then removes it', async () => {
    await page.getByTestId('me-avatar-file').setInputFiles({
      name: 'moi.png',
      mimeType: 'image/png',
      buffer: png(16, [200, 80, 40]),
    });
    assert.equal(await page.getByTestId('error-me-avatar-file').count(), 0);
    await page.getByTestId('me-avatar-submit').click();
    await page.getByTestId('me-avatar-done').waitFor();
    assert.equal(await text('me-avatar-done'), fr['me.avatar.uploaded']);
    assert.equal(await page.getByTestId('me-avatar-status').getAttribute('role'), 'status');
    const image = page.getByTestId('me-avatar-image');
    await image.waitFor();
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="me-avatar-image"]');
      return img?.complete && img.naturalWidth === 16;
    });
    assert.equal(await image.getAttribute('alt'), fr['me.avatar.current']);
    assert.equal(await page.getByTestId('me-avatar-none').count(), 0);
    await audit(page, 'the member page with a picture');
    await screenshot(page, 'e2e-member-page-2-picture-fr');

    await page.getByTestId('me-avatar-remove').click();
    await page.getByTestId('me-avatar-none').waitFor();
    assert.equal(await text('me-avatar-done'), fr['me.avatar.removed']);
    assert.equal(await page.getByTestId('me-avatar-image').count(), 0);
  });

  step('a blank name is refused at its field, before anything is sent', async () => {
    await page.getByTestId('me-display-name').fill('   ');
    await page.getByTestId('me-name-submit').click();
    assert.equal(await text('error-me-display-name'), fr['me.name.invalid']);
    assert.equal(await page.getByTestId('me-display-name').getAttribute('aria-invalid'), 'true');
    assert.equal(await listedName(), null);
  });

  step('the member sets their name: confirmed, in the heading, on the portal and for the admins', async () => {
    await page.getByTestId('me-display-name').fill(NAME);
    await page.getByTestId('me-name-submit').click();
    await page.getByTestId('me-name-saved').waitFor();
    assert.equal(await text('me-name-saved'), frText('me.name.saved', { name: NAME }));
    assert.equal(await page.getByTestId('me-name-status').getAttribute('role'), 'status');
    assert.equal(await page.getByTestId('error-me-display-name').count(), 0);
    assert.equal(await text('member-title'), frText('memberHome.title', { username: NAME }));
    assert.equal(await listedName(), NAME);
    await screenshot(page, 'e2e-member-page-3-name-fr');

    await page.getByTestId('member-portal').click();
    await page.getByTestId('portal').waitFor();
    const greeting = frText('portal.signedInAs', { name: NAME });
    await page.getByTestId('portal-signed-in').filter({ hasText: greeting }).waitFor();
    assert.equal(await text('portal-signed-in'), greeting);
    await page.getByTestId('portal-my-account').click();
    await page.getByTestId('me-display-name').waitFor();
    assert.equal(await page.getByTestId('me-display-name').inputValue(), NAME, 'prefilled from the account');
  });

  step('a wrong current password: a French alert, focused, the field marked; nothing changed', async () => {
    await page.getByTestId('me-current-password').fill('not my password at all');
    await page.getByTestId('me-new-password').fill(NEW_PASSWORD);
    await page.getByTestId('me-password-confirm').fill(NEW_PASSWORD);
    await page.getByTestId('me-password-submit').click();
    const alert = page.getByTestId('me-password-error');
    await alert.waitFor();
    assert.equal(await alert.getAttribute('role'), 'alert');
    assert.equal(await text('me-password-error'), fr['me.password.wrongAlert']);
    assert.equal(await focused(), 'me-password-error', 'the alert is focused, so it is read first');
    assert.equal(await text('error-me-current-password'), fr['me.password.wrong']);
    assert.equal(await page.getByTestId('me-current-password').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByTestId('me-current-password').inputValue(), '', 'cleared, to be typed again');
    assert.equal(await page.getByTestId('me-password-done').count(), 0);
    await audit(page, 'the member page with a wrong current password');
    await screenshot(page, 'e2e-member-page-4-wrong-password-fr');
    await request(server.url)
      .post('/api/auth/login')
      .send({ username: MEMBER.username, password: MEMBER.password })
      .expect(200);
  });

  step('the right current password: the password changes, confirmed, every field cleared', async () => {
    await page.getByTestId('me-current-password').fill(MEMBER.password);
    await page.getByTestId('me-password-submit').click();
    await page.getByTestId('me-password-done').waitFor();
    assert.equal(await text('me-password-done'), fr['me.password.done']);
    assert.equal(await page.getByTestId('me-password-status').getAttribute('role'), 'status');
    assert.equal(await page.getByTestId('me-password-error').count(), 0);
    for (const id of ['me-current-password', 'me-new-password', 'me-password-confirm']) {
      assert.equal(await page.getByTestId(id).inputValue(), '', `${id} cleared`);
    }
    await audit(page, 'the member page after a password change');
    await screenshot(page, 'e2e-member-page-5-password-changed-fr');
  });

  step('signed out, the old password is refused and the new one lets the member in', async () => {
    await page.getByTestId('member-logout').click();
    await page.getByTestId('login').waitFor();
    await signIn(MEMBER.password);
    await page.getByTestId('login-error').waitFor();
    assert.equal(await text('login-error'), fr['login.badCredentials']);
    await signIn(NEW_PASSWORD);
    await page.waitForURL(/#\/portal$/);
    const greeting = frText('portal.signedInAs', { name: NAME });
    await page.getByTestId('portal-signed-in').filter({ hasText: greeting }).waitFor();
    await screenshot(page, 'e2e-member-page-6-signed-in-again-fr');
  });

  step('shows no browser error besides the expected refusals (400 wrong password, 401 old password)', async () => {
    await page.context().close();
    const unexpected = problems.filter((problem) => !(problem.kind === 'console' && / (400|401) /.test(problem.text)));
    assert.deepEqual(unexpected, []);
  });
});
