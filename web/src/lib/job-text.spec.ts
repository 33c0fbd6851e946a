import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { en } from './i18n/en';
import { fr } from './i18n/fr';
import { tEn, tFr } from './i18n/translator.fixtures.spec';
import { errorText, resultText, stageText } from './job-text';

describe('job texts from keys', () => {
  it('translates a stage with its parameters', () => {
    assert.equal(stageText({ stage: 'start', params: { service: 'hedgedoc' } }, tFr), 'Démarrage de hedgedoc');
    assert.equal(stageText({ stage: 'download', params: { image: 'nginx:1' } }, tEn), 'Downloading nginx:1');
  });

  it('translates a known result, and says "done" for a key it does not know', () => {
    assert.equal(resultText({ key: 'upToDate', params: {} }, tFr), fr['jobs.result.upToDate']);
    assert.equal(resultText({ key: 'somethingNew', params: {} }, tFr), fr['jobs.result.unknown']);
    assert.equal(resultText(null, tEn), en['jobs.result.unknown']);
  });

  it('translates a known error with its parameters', () => {
    assert.equal(
      errorText({ key: 'notHealthy', params: { services: 'hedgedoc, postgres' }, detail: null }, tFr),
      'Ces services ne sont pas devenus opérationnels à temps : hedgedoc, postgres.',
    );
  });

  it('shows a failed step as the text of its stage', () => {
    assert.equal(
      errorText({ key: 'stepFailed', params: { stage: 'start', service: 'synapse' }, detail: 'exit 1' }, tEn),
      'This step did not work: Starting synapse.',
    );
  });

  it('falls back to a generic sentence for an unknown key, pointing at the details only when there are some', () => {
    assert.equal(errorText({ key: 'brandNew', params: {}, detail: 'boom' }, tFr), fr['jobs.error.unknown']);
    assert.equal(errorText({ key: 'brandNew', params: {}, detail: null }, tFr), fr['jobs.noReason']);
    assert.equal(errorText(null, tEn), en['jobs.noReason']);
  });
});
