import assert from 'node:assert/strict';
import { openSync, readSync, closeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe } from 'node:test';
import { en } from '../../web/src/lib/i18n/en';
import { act, jobError, waitFeature, waitJob, type Session } from '../support/appliance';
import { screenshot } from '../support/browser';
import { dashboardJourney, expectedOnDashboard } from '../support/e2e-appliance';
import { removeTempDir, tempDir } from '../support/leftovers';

const PASSPHRASE = 'atelier vélo du samedi';

/**
 * The export of one feature on the English dashboard of a real manager (pad on, backed up for real):
 * the dialog refuses a weak or mistyped passphrase out loud and focuses the field, then the progress
 * runs and a link downloads the archive.
 */
describe('backup export on the dashboard (built app, real engine and restic, headless Debian Chromium, English)', () => {
  const j = dashboardJourney('e2e-backup-export', 'en-GB');
  const { step, byId, text } = j;
  const downloads = tempDir('e2e-export-download');
  let pointId = '';

  const session = (): Session => {
    const csrf = /(?:^|; )(?:__Host-)?tl_csrf=([^;]+)/.exec(j.cookie)?.[1] ?? '';
    return { cookie: j.cookie, csrf };
  };
  const focused = () => j.page.evaluate(() => document.activeElement?.id ?? '');

  step('with the pad on and backed up, the history offers « Export… » on that backup', async () => {
    await act(j.server, session(), 'PUT /api/features/pad', { enabled: true });
    await waitFeature(j.server, session(), 'pad', (s) => s.state === 'running' && s.health === 'healthy');
    const { job } = await waitJob(j.server, session(), await act(j.server, session(), '/api/backups', {}));
    assert.equal(job.state, 'succeeded', jobError(job));
    const overview = (await (await fetch(`${j.server.url}/api/backups`, { headers: { cookie: j.cookie } })).json()) as {
      snapshots: { id: string }[];
    };
    pointId = overview.snapshots[0].id;
    await j.logIn();
    await byId(`backup-export-${pointId}`).waitFor();
    assert.equal(await text(`backup-export-${pointId}`), en['backups.export']);
  });

  step('the dialog refuses a short passphrase, then a mistyped confirmation, out loud at the field', async () => {
    await byId(`backup-export-${pointId}`).click();
    await byId('backup-export-dialog').waitFor();
    assert.ok(await byId('backup-export-feature-pad').isChecked(), 'the one feature held is chosen');
    await byId('export-passphrase').fill('short');
    await byId('export-confirmation').fill('short');
    await byId('backup-export-start').click();
    assert.equal(await text('error-export-passphrase'), en['backups.export.tooShort'].replace('{min}', '12'));
    assert.equal(await focused(), 'export-passphrase');
    assert.match((await byId('export-passphrase').getAttribute('aria-describedby')) ?? '', /export-passphrase-error/);

    await byId('export-passphrase').fill(PASSPHRASE);
    await byId('export-confirmation').fill(`${PASSPHRASE}!`);
    await byId('backup-export-start').click();
    assert.equal(await text('error-export-confirmation'), en['backups.export.mismatch']);
    assert.equal(await focused(), 'export-confirmation');
    await screenshot(j.page, 'e2e-backup-export-mismatch');
  });

  step('a good passphrase starts it: the progress, then a link that downloads the archive', async () => {
    await byId('export-confirmation').fill(PASSPHRASE);
    await byId('backup-export-start').click();
    await byId('backup-export-dialog').waitFor({ state: 'detached' });
    const link = byId('backup-export-download');
    await link.waitFor({ timeout: 180_000 });
    assert.equal(await byId('job-error-backups').count(), 0);
    assert.match(await text('job-result-backups'), /^The archive is ready: .+-pad-\d{4}-\d{2}-\d{2}\.tar\.$/);
    assert.match((await link.textContent()) ?? '', /^Download the archive \(.+\)$/);
    await screenshot(j.page, 'e2e-backup-export-ready');

    const [download] = await Promise.all([j.page.waitForEvent('download'), link.click()]);
    assert.match(download.suggestedFilename(), /^[a-z0-9-]+-pad-\d{4}-\d{2}-\d{2}\.tar$/);
    const file = join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    assert.ok(statSync(file).size > 1024);
    // A tar file: its first header names one of the two entries and carries the ustar magic.
    const head = Buffer.alloc(512);
    const fd = openSync(file, 'r');
    readSync(fd, head, 0, 512, 0);
    closeSync(fd);
    assert.match(head.subarray(0, 100).toString('latin1'), /^(README\.txt|repository)/);
    assert.equal(head.subarray(257, 262).toString('latin1'), 'ustar');
    removeTempDir(downloads);
  });

  step('the section never says « container », « appliance » or « job »', async () => {
    const words = ((await byId('backups').textContent()) ?? '').toLowerCase();
    assert.doesNotMatch(words, /\b(containers?|appliances?|jobs?)\b/);
  });

  step('shows no console error, page error or failed request but the expected ones', () => {
    assert.deepEqual(
      j.problems.filter((p) => !expectedOnDashboard(p)),
      [],
    );
  });
});
