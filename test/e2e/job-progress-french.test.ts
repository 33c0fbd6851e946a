import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { en } from '../../web/src/lib/i18n/en';
import { fr } from '../../web/src/lib/i18n/fr';
import { screenshot } from '../support/browser';
import { dashboardJourney, expectedOnDashboard, frenchStages } from '../support/e2e-appliance';

const INSTALL_TIMEOUT_MS = 180_000;

/** Words of the server's former English progress lines: none may reach a French page. */
const ENGLISH =
  /\b(download(ing|ed)?|pull(ing|ed)?|start(ing)?|creat(e|ing)|waiting|configuring|remov(e|ing)|health)\b/i;

/** The French stages: each {parameter} stands for any name. */
const FRENCH_STAGES = frenchStages('\\S+');

describe('job progress in French (built app, real engine, headless Debian Chromium)', () => {
  // An English browser: the page is French only because the admin switches it.
  const j = dashboardJourney('e2e-job-progress-fr', 'en-GB');
  const { step, byId, text } = j;

  step('logs in (English), then switches the dashboard to French', async () => {
    await j.logIn();
    await byId('feature-card-pad').waitFor();
    assert.equal(await text('feature-action-pad-enable'), en['features.action.enable']);
    await byId('language-switch').selectOption('fr');
    await j.page.locator('html[lang="fr"]').waitFor();
    assert.equal(await text('feature-action-pad-enable'), fr['features.action.enable']);
  });

  step('enables the pad: every progress line is a French stage, with no English word from the server', async () => {
    // Every text the progress line takes, as the page shows it, with its bar's value.
    await j.page.evaluate(() => {
      const seen: string[] = [];
      Object.assign(window, { stagesSeen: seen });
      new MutationObserver(() => {
        const detail = document.querySelector('[data-testid="job-detail-pad"]')?.textContent?.trim();
        if (detail && seen[seen.length - 1] !== detail) seen.push(detail);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await byId('feature-action-pad-enable').click();
    await byId('job-progress-pad').waitFor();
    // Past the queue: a stage of the work itself is on screen.
    await j.page.waitForFunction(
      (queued) => {
        const detail = document.querySelector('[data-testid="job-detail-pad"]')?.textContent?.trim();
        return Boolean(detail) && detail !== queued;
      },
      fr['jobs.stage.queued'],
      { timeout: 60_000 },
    );
    await screenshot(j.page, 'e2e-job-progress-fr');
    assert.equal(((await j.page.locator('#job-label-pad').textContent()) ?? '').trim(), fr['jobs.kind.enable']);
    await byId('job-progress-pad').waitFor({ state: 'detached', timeout: INSTALL_TIMEOUT_MS });

    const seen = await j.page.evaluate(() => (window as unknown as { stagesSeen: string[] }).stagesSeen);
    assert.ok(seen.length >= 2, `several stages were shown: ${seen.join(' / ')}`);
    for (const line of seen) {
      assert.ok(
        FRENCH_STAGES.some(({ pattern }) => pattern.test(line)),
        `"${line}" is the French text of a stage key (seen: ${seen.join(' / ')})`,
      );
      assert.doesNotMatch(line, ENGLISH, `no English word from the server in "${line}"`);
    }
    assert.ok(
      seen.some((line) => line !== fr['jobs.stage.queued']),
      `a stage of the work was shown: ${seen.join(' / ')}`,
    );
  });

  step('says how it ended, in French', async () => {
    assert.equal(await text('job-result-pad'), fr['jobs.result.installed']);
    assert.equal(await byId('job-error-pad').count(), 0);
    await j.page.locator('[data-testid="feature-card-pad"][data-state="running"]').waitFor();
    await screenshot(j.page, 'e2e-job-progress-fr-done');
  });

  step('shows no console error, page error or failed request but the expected ones', () => {
    assert.deepEqual(
      j.problems.filter((p) => !expectedOnDashboard(p)),
      [],
    );
  });
});
