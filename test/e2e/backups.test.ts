import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, describe } from 'node:test';
import { fr } from '../../web/src/lib/i18n/fr';
import { screenshot } from '../support/browser';
import { removeTempDir, tempDir } from '../support/leftovers';
import { dashboardJourney, expectedOnDashboard, frenchStages } from '../support/e2e-appliance';

/** A folder for the « Autres emplacements » step (restic's container binds it). */
const targetDir = tempDir('e2e-backup-target');
after(() => removeTempDir(targetDir));

/** An ed25519 public key line as a server's .pub holds it (random bytes: only its fingerprint is checked). */
function hostKeyLine(): { line: string; fingerprint: string } {
  const part = (bytes: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, bytes.length]), bytes]);
  const blob = Buffer.concat([part(Buffer.from('ssh-ed25519')), part(randomBytes(32))]);
  const digest = createHash('sha256').update(blob).digest('base64').replace(/=+$/, '');
  return { line: `ssh-ed25519 ${blob.toString('base64')} backup@nas`, fingerprint: `SHA256:${digest}` };
}

/** A first backup creates the repository (key derivation) and starts restic's container: generous. */
const BACKUP_TIMEOUT_MS = 180_000;

/** The French stages: each {parameter} stands for any name. */
const FRENCH_STAGES = frenchStages('.+');

interface Seen {
  /** Each text the progress line took, in order. */
  details: string[];
  /** Each value the bar took. */
  values: number[];
}

/**
 * "Back up now" on the French dashboard of a real manager (real restic in its container, real engine,
 * real SQLite and Redis): no feature is on, so the point holds the manager's own settings and accounts.
 */
describe('backups on the dashboard (built app, real engine and restic, headless Debian Chromium, French)', () => {
  const j = dashboardJourney('e2e-backups', 'fr-FR');
  const { step, byId, text } = j;
  const overview = async () => {
    const res = await fetch(`${j.server.url}/api/backups`, { headers: { cookie: j.cookie } });
    const body = await res.text();
    assert.equal(res.status, 200, body);
    return JSON.parse(body) as {
      snapshots: { id: string; services: string[] }[];
      lastSuccessAt: string | null;
      recoveryKeyAt: string | null;
    };
  };

  step('logs in: the French dashboard has a « Sauvegardes » section with no backup yet', async () => {
    await j.logIn();
    await byId('backups-history-empty').waitFor();
    await j.page.locator('html[lang="fr"]').waitFor();
    assert.equal(((await j.page.locator('#backups-title').textContent()) ?? '').trim(), fr['backups.title']);
    assert.equal(await text('backups-last'), fr['backups.lastNever']);
    assert.equal(await text('backups-now'), fr['backups.now']);
    assert.equal(await byId('backups-error').count(), 0, 'the overview loaded');
    await screenshot(j.page, 'e2e-backups-empty');
  });

  step('« Sauvegarder maintenant » shows a live progress bar, in French, and focuses it', async () => {
    // Every text and value the progress takes, as the page shows them, however fast the run.
    await j.page.evaluate(() => {
      const seen: Seen = { details: [], values: [] };
      Object.assign(window, { backupSeen: seen });
      new MutationObserver(() => {
        const detail = document.querySelector('[data-testid="job-detail-backups"]')?.textContent?.trim();
        if (detail && seen.details[seen.details.length - 1] !== detail) seen.details.push(detail);
        const value = document.querySelector('[data-testid="job-progress-backups"]')?.getAttribute('aria-valuenow');
        if (value !== null && value !== undefined && seen.values[seen.values.length - 1] !== Number(value)) {
          seen.values.push(Number(value));
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await byId('backups-now').click();
    await byId('job-progress-backups').waitFor();
    // Named by what runs once the first news of it arrives.
    await j.page.locator('#job-label-backups', { hasText: fr['jobs.kind.backup'] }).waitFor();
    assert.ok(await byId('backups-now').isDisabled(), 'no second backup while one runs');
    // The button that started it is disabled: focus went to the progress, not to the page's body.
    await j.page.waitForFunction(() =>
      document.activeElement?.contains(document.querySelector('[data-testid="job-progress-backups"]')),
    );
    await screenshot(j.page, 'e2e-backups-progress');
  });

  step('when it ends, says so, and the new point is in the history with what it holds', async () => {
    await byId('job-progress-backups').waitFor({ state: 'detached', timeout: BACKUP_TIMEOUT_MS });
    assert.equal(
      await byId('job-error-backups').count(),
      0,
      await j.page.locator('.notice.error').allTextContents().then(String),
    );
    const result = await text('job-result-backups');
    assert.ok(
      Object.entries(fr).some(([key, value]) => key.startsWith('jobs.result.') && value === result),
      `"${result}" is a French result text`,
    );

    const [point] = (await overview()).snapshots;
    assert.ok(point, 'the server lists one backup point');
    assert.ok(point.services.includes('appliance'), `the manager's own part is in it: ${point.services.join(', ')}`);
    const entry = byId(`backup-entry-${point.id}`);
    await j.page.locator(`[data-testid="backup-entry-${point.id}"][data-point="yes"]`).waitFor();
    assert.equal(await entry.getAttribute('data-state'), 'succeeded');
    assert.equal(await text(`backup-state-${point.id}`), fr['backups.state.succeeded']);
    assert.match((await entry.textContent()) ?? '', new RegExp(fr['backups.scope.appliance']));
    assert.notEqual(await text('backups-last'), fr['backups.lastNever']);
    assert.equal(await text('backups-kept'), '1');
    assert.equal(await byId('backups-overdue').count(), 0, 'no warning right after a success');
    assert.ok(!(await byId('backups-now').isDisabled()), 'the button is back');
    await screenshot(j.page, 'e2e-backups-done');
  });

  step('the progress showed French stages only, a backup stage among them, and moved forward', async () => {
    const seen = await j.page.evaluate(() => (window as unknown as { backupSeen: Seen }).backupSeen);
    assert.ok(seen.details.length >= 1, 'the progress line was shown');
    for (const line of seen.details) {
      assert.ok(
        FRENCH_STAGES.some(({ pattern }) => pattern.test(line)),
        `"${line}" is the French text of a stage (seen: ${seen.details.join(' / ')})`,
      );
    }
    assert.ok(
      seen.details.some((line) =>
        FRENCH_STAGES.some(({ key, pattern }) => key.startsWith('jobs.stage.backup') && pattern.test(line)),
      ),
      `a backup stage was shown: ${seen.details.join(' / ')}`,
    );
    const backwards = seen.values.filter((value, i) => i > 0 && value < (seen.values[i - 1] ?? 0));
    assert.deepEqual(backwards, [], `the bar never went back: ${seen.values.join(', ')}`);
  });

  step(
    'asks for the recovery key once a backup exists; shows it once, closed only after the confirmation',
    async () => {
      await byId('recovery-key-needed').waitFor();
      assert.ok(((await byId('recovery-key-needed').textContent()) ?? '').includes(fr['backups.recoveryKey.needed']));
      await byId('recovery-key-make').click();
      await byId('recovery-key-dialog').waitFor();
      assert.match(await byId('recovery-key').inputValue(), /^[A-Z2-7]{5}(-[A-Z2-7]{5}){7}$/);
      assert.match((await byId('recovery-key-download').getAttribute('download')) ?? '', /^recovery-key-.*\.txt$/);
      assert.ok(await byId('recovery-key-done').isDisabled(), 'Done waits for the confirmation');
      await byId('recovery-key-confirm').check();
      await screenshot(j.page, 'e2e-backups-recovery-key');
      await byId('recovery-key-done').click();
      await byId('recovery-key-dialog').waitFor({ state: 'detached' });
      await byId('recovery-key-made').waitFor();
      assert.equal(await byId('recovery-key-needed').count(), 0, 'the notice is gone');
      assert.ok((await overview()).recoveryKeyAt, 'the server says when it was made');
    },
  );

  step('the restore dialog asks what to restore, says what will be replaced, and can be left', async () => {
    const [point] = (await overview()).snapshots;
    assert.ok(point, 'the point of the previous step');
    const opener = byId(`backup-restore-${point.id}`);
    await opener.click();
    await byId('backup-restore-dialog').waitFor();
    // Nothing is chosen for the admin: continuing without a choice is refused, out loud, at the choices.
    await byId('backup-restore-next').click();
    assert.equal(await text('backup-restore-none'), fr['backups.restore.noneChosen']);
    assert.equal(await byId('backup-restore-none').getAttribute('role'), 'alert');
    assert.equal(
      await j.page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
      'backup-restore-scope-appliance',
    );
    await byId('backup-restore-scope-appliance').check();
    await byId('backup-restore-next').click();
    assert.equal(await text('backup-restore-replaces'), fr['backups.scope.appliance']);
    assert.equal(await j.page.evaluate(() => document.activeElement?.id), 'backup-restore-title');
    await screenshot(j.page, 'e2e-backups-restore-confirm');
    await j.page.keyboard.press('Escape');
    await byId('backup-restore-dialog').waitFor({ state: 'detached' });
    assert.equal(
      await j.page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
      `backup-restore-${point.id}`,
      'focus is back on the button that opened it',
    );
  });

  step('the schedule form refuses bad values out loud and focuses the first one', async () => {
    await byId('backup-schedule-toggle').click();
    await byId('backup-schedule-time').fill('25:00');
    await byId('backup-schedule-daily').fill('0');
    await byId('backup-schedule-weekly').fill('0');
    await byId('backup-schedule-monthly').fill('0');
    await byId('backup-schedule-save').click();
    assert.equal(await text('backup-schedule-invalid'), fr['backups.schedule.invalid']);
    assert.equal(await byId('backup-schedule-invalid').getAttribute('role'), 'alert');
    assert.equal(await text('backup-schedule-time-error'), fr['backups.validation.time']);
    assert.equal(await text('backup-schedule-retention-error'), fr['backups.validation.keepOne']);
    assert.equal(await j.page.evaluate(() => document.activeElement?.id), 'backup-schedule-time');
    await screenshot(j.page, 'e2e-backups-schedule-invalid');
  });

  step(
    '« Autres emplacements »: refuses a system folder out loud, adds a folder, lists what it holds on demand, removes it after confirmation',
    async () => {
      const card = byId('backup-targets');
      assert.equal(
        ((await j.page.locator('#backup-targets-title').textContent()) ?? '').trim(),
        fr['backups.targets.title'],
      );
      assert.equal(await text('backup-targets-empty'), fr['backups.targets.empty']);
      await byId('backup-targets-add').click();
      await byId('backup-target-label').fill('Disque USB');
      await byId('backup-target-location').fill('/etc/sauvegardes');
      await byId('backup-target-save').click();
      // The server refuses it (a system folder): said at the field, announced, and the field focused.
      await byId('backup-target-location-error').waitFor();
      assert.equal(await text('backup-target-location-error'), fr['backups.targets.problem.systemPath']);
      assert.equal(await byId('backup-target-invalid').getAttribute('role'), 'alert');
      assert.equal(await j.page.evaluate(() => document.activeElement?.id), 'backup-target-location');
      await screenshot(j.page, 'e2e-backups-targets-refused');

      await byId('backup-target-location').fill(targetDir);
      await byId('backup-target-save').click();
      const item = card.locator('li').filter({ hasText: 'Disque USB' });
      await item.waitFor();
      assert.ok(((await item.textContent()) ?? '').includes(fr['backups.targets.never']));
      assert.ok(((await item.textContent()) ?? '').includes(fr['backups.targets.keepAll']));
      for (const word of ['conteneur', 'appliance', 'job']) {
        assert.ok(!((await card.textContent()) ?? '').toLowerCase().includes(word), `no « ${word} » in the card`);
      }
      await screenshot(j.page, 'e2e-backups-targets-added');

      // What the place holds is read only when asked: nothing yet, said in French.
      const points = item.getByRole('button', { name: new RegExp(fr['backups.places.points']) });
      await points.click();
      assert.equal(await points.getAttribute('aria-expanded'), 'true');
      await item.getByText(fr['backups.places.none']).waitFor();

      await item.getByRole('button', { name: /Retirer/ }).click();
      assert.ok(((await item.textContent()) ?? '').includes('ne sont pas effacées'), 'the data there is kept');
      await item.getByRole('button', { name: fr['backups.targets.removeYes'] }).click();
      await byId('backup-targets-empty').waitFor();
    },
  );

  step(
    'the place form: SFTP and S3 fields refuse what is missing out loud, show the pasted key fingerprint, and keep values across kinds',
    async () => {
      const value = (id: string) => byId(id).inputValue();
      const focused = () => j.page.evaluate(() => document.activeElement?.id);
      await byId('backup-targets-add').click();
      await byId('backup-target-kind-sftp').check();
      // The manager's own public key, to add on the server.
      assert.match(await value('backup-target-public-key-text'), /^ssh-ed25519 /);
      await byId('backup-target-save').click();
      assert.equal(await byId('backup-target-invalid').getAttribute('role'), 'alert');
      assert.equal(await text('backup-target-label-error'), fr['backups.targets.form.labelMissing']);
      assert.equal(await text('backup-target-location-error'), fr['backups.targets.form.locationMissing']);
      assert.equal(await text('backup-target-hostKey-error'), fr['backups.targets.problem.notHostKey']);
      assert.equal(await focused(), 'backup-target-label');

      await byId('backup-target-label').fill('NAS du voisin');
      assert.equal(await byId('backup-target-label-error').count(), 0, 'typing clears the problem');
      await byId('backup-target-sftp-user').fill('sauvegarde');
      await byId('backup-target-sftp-host').fill('nas.example.org');
      await byId('backup-target-sftp-port').fill('2222');
      await byId('backup-target-sftp-path').fill('/srv/tiers-lieu');
      await byId('backup-target-save').click();
      assert.equal(await byId('backup-target-location-error').count(), 0, 'the location is whole');
      assert.equal(await focused(), 'backup-target-hostKey');
      const key = hostKeyLine();
      await byId('backup-target-hostKey').fill(key.line);
      await j.page.getByTestId('backup-target-fingerprint').filter({ hasText: key.fingerprint }).waitFor();
      assert.ok((await text('backup-target-fingerprint')).startsWith(fr['backups.targets.form.sftp.fingerprint']));
      assert.equal(await byId('backup-target-hostKey-error').count(), 0);
      await screenshot(j.page, 'e2e-backups-targets-sftp');

      await byId('backup-target-kind-s3').check();
      await byId('backup-target-save').click();
      assert.equal(await text('backup-target-location-error'), fr['backups.targets.form.locationMissing']);
      assert.equal(await text('backup-target-accessKeyId-error'), fr['backups.targets.problem.notS3Keys']);
      assert.equal(await text('backup-target-secretAccessKey-error'), fr['backups.targets.problem.notS3Keys']);
      assert.equal(await focused(), 'backup-target-location');
      await byId('backup-target-s3-endpoint').fill('s3.example.org');
      await byId('backup-target-s3-bucket').fill('tiers-lieu');
      await byId('backup-target-s3-path').fill('sauvegardes');
      await byId('backup-target-s3-path-style').uncheck();
      await byId('backup-target-accessKeyId').fill('AKIDEXAMPLE');
      await byId('backup-target-secretAccessKey').fill('secret-example');
      assert.equal(await byId('backup-target-secretAccessKey').getAttribute('type'), 'password');
      for (const field of ['location', 'accessKeyId', 'secretAccessKey']) {
        assert.equal(await byId(`backup-target-${field}-error`).count(), 0, `typing clears the ${field} problem`);
      }
      await screenshot(j.page, 'e2e-backups-targets-s3');

      // Each kind keeps what was typed in it.
      await byId('backup-target-kind-sftp').check();
      assert.equal(await value('backup-target-sftp-user'), 'sauvegarde');
      assert.equal(await value('backup-target-sftp-host'), 'nas.example.org');
      assert.equal(await value('backup-target-sftp-port'), '2222');
      assert.equal(await value('backup-target-sftp-path'), '/srv/tiers-lieu');
      assert.equal(await value('backup-target-hostKey'), key.line);
      assert.ok((await text('backup-target-fingerprint')).includes(key.fingerprint));
      await byId('backup-target-kind-s3').check();
      assert.equal(await value('backup-target-s3-endpoint'), 's3.example.org');
      assert.equal(await value('backup-target-s3-bucket'), 'tiers-lieu');
      assert.equal(await value('backup-target-s3-path'), 'sauvegardes');
      assert.equal(await byId('backup-target-s3-path-style').isChecked(), false);
      assert.equal(await value('backup-target-accessKeyId'), 'AKIDEXAMPLE');
      assert.equal(await value('backup-target-secretAccessKey'), 'secret-example');
      assert.equal(await value('backup-target-label'), 'NAS du voisin');

      await byId('backup-target-cancel').click();
      await byId('backup-target').waitFor({ state: 'detached' });
      await byId('backup-targets-empty').waitFor();
    },
  );

  step('shows no console error, page error or failed request but the expected ones', () => {
    // The refused folder of the previous step answered 400, on purpose.
    const refused = (p: (typeof j.problems)[number]) =>
      p.kind === 'console' && / 400 /.test(p.text) && p.url.endsWith('/api/backups/targets');
    assert.deepEqual(
      j.problems.filter((p) => !expectedOnDashboard(p) && !refused(p)),
      [],
    );
  });
});
