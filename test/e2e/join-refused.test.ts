import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { en } from '../../web/src/lib/i18n/en';
import { fr } from '../../web/src/lib/i18n/fr';
import { axeViolations } from '../support/axe';
import { journey, launchChromium, PeoplesPages, screenshot } from '../support/browser';
import { addMember, endApplianceJourney, inviteMembers, startSetUpWithoutFeatures } from '../support/e2e-appliance';
import { ServerProcess, tempDataDir } from '../support/server-process';
import { setupPayload } from '../support/setup-payload';

const PAYLOAD = setupPayload('');
const COMMUNITY = PAYLOAD.community.name;
const MEMBER = { username: 'dominique', password: 'a long enough password' };
const SQLITE_DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{3})?$/;

/**
 * Acceptance point 4 of issue 11 in a real browser: a spent single-use link and an expired shared
 * link are refused with a page in the member's language (what happened, what to do); then the member
 * portal a member lands on. No feature is chosen at setup: none of this needs the engine.
 */
describe('refused invitation links and the member portal in the browser (French, and English)', () => {
  const server = new ServerProcess(tempDataDir('e2e-join'), { TLS_MODE: 'off' });
  let browser: Browser | undefined;
  const people = new PeoplesPages();
  const { contexts, problems } = people;
  let spentToken = '';
  let expiredToken = '';
  let page: Page;
  const { step, finished } = journey(it);

  const open = (who: string, locale: string) => people.open(browser!, who, locale);

  const text = async (id: string, on = page) => ((await on.getByTestId(id).textContent()) ?? '').trim();
  const focused = (on = page) => on.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');

  /** The refusal as a person meets it: one focused h1, the explanation announced, a real page title. */
  async function assertRefusal(on: Page, messages: typeof fr | typeof en, state: 'spent' | 'expired') {
    const title = on.getByTestId('join-refused-title');
    await title.waitFor();
    assert.equal((await title.textContent())?.trim(), messages[`join.refusedTitle.${state}`]);
    assert.equal(await focused(on), 'join-refused-title', 'the heading is focused, so it is read first');
    assert.equal(await on.locator('h1').count(), 1);
    assert.equal(await on.getByTestId('join-refused').getAttribute('role'), 'alert');
    assert.equal(await text('join-refused-next', on), messages['join.refusedNext']);
    assert.equal(await on.title(), `${messages[`join.refusedTitle.${state}`]} · ${COMMUNITY}`);
    assert.equal(await on.getByTestId('join-submit').count(), 0, 'no form to fill for nothing');
    assert.deepEqual(await axeViolations(on), []);
  }

  before(async () => {
    const admin = await startSetUpWithoutFeatures(server);
    spentToken = await addMember(server.url, admin, MEMBER);
    expiredToken = await inviteMembers(server.url, admin, { kind: 'shared', maxUses: 20, expiresInHours: 24 });
    // Expiry without waiting: the manager has no clock hook for its real process (TestClock exists
    // only in the medium tier), so the row's expiry is moved into the past in the real SQLite file,
    // as a day going by would leave it. The manager reads it back on the next request.
    const db = new Database(join(server.dataDir, 'appliance.sqlite'));
    try {
      const hash = createHash('sha256').update(expiredToken).digest('hex');
      const row = db.prepare(`SELECT "expires_at" FROM "member_invitation" WHERE "token_hash" = ?`).get(hash) as {
        expires_at: string;
      };
      assert.match(row.expires_at, SQLITE_DATETIME, 'stored as TypeORM writes a datetime');
      const past = new Date(Date.now() - 3_600_000).toISOString().replace('T', ' ').replace('Z', '');
      const changed = db
        .prepare(`UPDATE "member_invitation" SET "expires_at" = ? WHERE "token_hash" = ?`)
        .run(row.expires_at.includes('.') ? past : past.slice(0, 19), hash);
      assert.equal(changed.changes, 1);
    } finally {
      db.close();
    }
    browser = await launchChromium();
    page = await open('member-fr', 'fr-FR');
  });

  after(() => endApplianceJourney('e2e-join-refused', finished(), { browser, page, server }));

  step('the API refuses both links with 410 and says which (the page shows one message per state)', async () => {
    const spent = await request(server.url)
      .post(`/api/members/invitations/${spentToken}/accept`)
      .send({ username: 'sacha', password: MEMBER.password })
      .expect(410);
    assert.equal(spent.body.errors[0].code, 'spent');
    const expired = await request(server.url)
      .post(`/api/members/invitations/${expiredToken}/accept`)
      .send({ username: 'sacha', password: MEMBER.password })
      .expect(410);
    assert.equal(expired.body.errors[0].code, 'expired');
  });

  step('the portal answers anyone, with no session, and says only the public things', async () => {
    const portal = await request(server.url).get('/api/portal').expect(200);
    assert.deepEqual(portal.body, {
      community: { name: COMMUNITY, color: PAYLOAD.community.color },
      domain: PAYLOAD.domain,
      features: [],
    });
    await request(server.url).get('/api/portal/logo').expect(404);
  });

  step('a single-use link opened again after its use: a clear refusal in French', async () => {
    await page.goto(`${server.url}/#/join/${spentToken}`);
    await assertRefusal(page, fr, 'spent');
    assert.equal(await text('join-refused-what'), fr['join.refused.spent']);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
    await screenshot(page, 'e2e-join-1-spent-fr');
  });

  step('a shared link past its expiry: the expired page in French, with the date it worked until', async () => {
    await page.goto(`${server.url}/#/join/${expiredToken}`);
    await assertRefusal(page, fr, 'expired');
    // The date is formatted by the browser (Intl): check the sentence around it, and the year.
    const [beforeDate, afterDate] = fr['join.refused.expired'].split('{date}') as [string, string];
    const what = await text('join-refused-what');
    assert.ok(what.startsWith(beforeDate) && what.endsWith(afterDate), what);
    assert.ok(what.includes(String(new Date(Date.now() - 3_600_000).getFullYear())), what);
    await screenshot(page, 'e2e-join-2-expired-fr');
  });

  step('the same spent link in an English browser: the page follows the member’s language', async () => {
    const english = await open('member-en', 'en-US');
    await english.goto(`${server.url}/#/join/${spentToken}`);
    await assertRefusal(english, en, 'spent');
    assert.equal(await text('join-refused-what', english), en['join.refused.spent']);
    await screenshot(english, 'e2e-join-3-spent-en');
    await english.close();
  });

  step('a visitor opens the portal: the community’s name and colour, and a sign-in link', async () => {
    await page.goto(`${server.url}/#/portal`);
    await page.getByTestId('portal-none').waitFor();
    assert.equal(await text('portal-name'), COMMUNITY);
    assert.equal(await page.locator('h1').count(), 1);
    assert.equal(await page.title(), COMMUNITY);
    assert.equal(await text('portal-none'), fr['portal.none']);
    const hero = await page.locator('.hero').evaluate((e) => getComputedStyle(e).backgroundColor);
    assert.equal(hero, 'rgb(47, 125, 91)', `the community colour ${PAYLOAD.community.color}`);
    assert.equal(await text('portal-sign-in'), fr['portal.signIn']);
    assert.deepEqual(await axeViolations(page), []);
  });

  step('a member signs in from there and lands on the portal, with their name and their page', async () => {
    await page.getByTestId('portal-sign-in').click();
    await page.getByTestId('login-username').fill(MEMBER.username);
    await page.getByTestId('login-password').fill(MEMBER.password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/#\/portal$/);
    await page.getByTestId('portal-signed-in').waitFor();
    assert.equal(await text('portal-signed-in'), fr['portal.signedInAs'].replace('{name}', MEMBER.username));
    assert.equal(await text('portal-my-account'), fr['portal.myAccount']);
    assert.equal(await page.getByTestId('portal-dashboard').count(), 0, 'no administration link for a member');
    assert.equal(await text('portal-name'), COMMUNITY);
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, 'e2e-join-4-portal-member-fr');
    await page.getByTestId('portal-my-account').click();
    await page.getByTestId('member-home').waitFor();
  });

  step('shows no browser error besides the expected refusals (410 links, 401 signed out)', async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    const unexpected = problems.filter(
      ({ problem }) => !(problem.kind === 'console' && / (401|410) /.test(problem.text)),
    );
    assert.deepEqual(unexpected, []);
  });
});
