import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { fr } from '../../web/src/lib/i18n/fr';
import { applianceEnv } from '../support/appliance';
import { audit } from '../support/axe';
import { journey, launchPage, screenshot, type BrowserProblem } from '../support/browser';
import { DnsServer } from '../support/dns-server';
import { endApplianceJourney, expectedOnDashboard, logIn, setUpWithoutFeatures } from '../support/e2e-appliance';
import { ServerProcess, tempDataDir } from '../support/server-process';
import { setupPayload } from '../support/setup-payload';
import { requireEngineAndImages } from '../support/test-images';

const PAYLOAD = setupPayload('');
const DOMAIN = PAYLOAD.domain;
const HERE = '203.0.113.10';

describe('the diagnosis page in French: every check in plain words, axe-clean, a report to copy', () => {
  const dns = new DnsServer({ [DOMAIN]: [HERE], [`admin.${DOMAIN}`]: ['198.51.100.7'] });
  const parts: { browser?: Browser; page?: Page; server?: ServerProcess; applianceId?: string } = {};
  let problems: BrowserProblem[] = [];
  let setupToken = '';
  const { step, finished } = journey(it);
  const page = () => parts.page!;
  const text = async (id: string) => ((await page().getByTestId(id).textContent()) ?? '').trim();

  before(async () => {
    await requireEngineAndImages();
    await dns.start();
    parts.server = new ServerProcess(
      tempDataDir('e2e-diagnosis'),
      await applianceEnv({ DNS_SERVERS: dns.address, PUBLIC_ADDRESSES: HERE }),
    );
    await parts.server.start();
    setupToken = parts.server.setupTokenFromLog();
    ({ applianceId: parts.applianceId } = await setUpWithoutFeatures(parts.server));
    ({
      browser: parts.browser,
      page: parts.page,
      problems,
    } = await launchPage({
      locale: 'fr-FR',
      viewport: { width: 1280, height: 900 },
      reducedMotion: 'reduce',
      permissions: ['clipboard-read', 'clipboard-write'],
    }));
  });
  after(async () => {
    try {
      await endApplianceJourney('e2e-diagnosis', finished(), parts);
    } finally {
      await dns.stop();
    }
  });

  step('the dashboard links to the diagnosis, which has its own title and one h1', async () => {
    await page().goto(`${parts.server!.url}/`);
    await logIn(page(), PAYLOAD.admin);
    await page().getByTestId('dashboard-diagnosis').click();
    await page().getByTestId('diagnosis-checks').waitFor();
    assert.equal(await page().title(), `${fr['title.diagnosis']} — ${PAYLOAD.community.name}`);
    assert.equal(await page().locator('h1').count(), 1);
    assert.equal(await page().locator('h1').textContent(), fr['title.diagnosis']);
  });

  step('each check is in French with what to do; the technical words are folded', async () => {
    const apex = page().getByTestId(`check-dns:${DOMAIN}`);
    assert.equal(await apex.getAttribute('data-status'), 'ok');
    assert.equal(await page().getByTestId(`check-dns:admin.${DOMAIN}`).getAttribute('data-status'), 'error');
    const admin = await text(`check-dns:admin.${DOMAIN}`);
    assert.ok(admin.includes(`admin.${DOMAIN} pointe vers 198.51.100.7, pas vers ce serveur (${HERE}).`), admin);
    assert.ok(admin.includes('Chez votre fournisseur de nom de domaine'), admin);
    const details = page().getByTestId(`check-dns:admin.${DOMAIN}-detail`);
    assert.equal(await details.locator('summary').textContent(), fr['jobs.details']);
    assert.equal(await details.getAttribute('open'), null, 'folded by default');
    assert.match(await text('check-certificate'), /HTTPS est assuré par un autre serveur/);
    assert.match(await text('check-backup'), /Aucune sauvegarde/);
    assert.match(await text('diagnosis-summary'), /à corriger/);
    await audit(page(), 'the diagnosis page');
    await screenshot(page(), 'e2e-diagnosis-1-page');
  });

  step('« Copier le rapport » copies a plain-text report, with no secret in it', async () => {
    await page().getByTestId('diagnosis-copy').click();
    await page().getByTestId('diagnosis-copied').waitFor();
    const copied = await page().evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, await page().getByTestId('diagnosis-report').inputValue());
    assert.match(copied, new RegExp(`^Diagnostic de ${DOMAIN.replaceAll('.', '\\.')}, `));
    assert.match(copied, /\[À corriger\] Adresse admin\.fabrique\.example\.org/);
    for (const secret of [setupToken, PAYLOAD.admin.password]) assert.ok(!copied.includes(secret));
    await audit(page(), 'the diagnosis page with its report');
    await screenshot(page(), 'e2e-diagnosis-2-report');
  });

  step('the browser reported nothing unexpected', () => {
    assert.deepEqual(
      problems.filter((p) => !expectedOnDashboard(p)),
      [],
    );
  });
});
