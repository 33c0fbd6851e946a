import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exportableFeatures, exportProblems } from './export-form';

const GOOD = 'atelier vélo du samedi';

describe('backups: the export form', () => {
  it('accepts a long enough passphrase typed twice, with spaces and accents inside', () => {
    assert.deepEqual(exportProblems(GOOD, GOOD), {});
  });

  it('counts characters as a person does, not UTF-16 units', () => {
    assert.equal(exportProblems('é'.repeat(12), 'é'.repeat(12)).passphrase, undefined);
    assert.equal(exportProblems('🔑'.repeat(11), '🔑'.repeat(11)).passphrase?.key, 'backups.export.tooShort');
  });

  it('refuses a short or long passphrase with its bound', () => {
    assert.deepEqual(exportProblems('short', 'short').passphrase, {
      key: 'backups.export.tooShort',
      params: { min: 12 },
    });
    const long = 'x'.repeat(257);
    assert.deepEqual(exportProblems(long, long).passphrase, { key: 'backups.export.tooLong', params: { max: 256 } });
  });

  it('refuses spaces at either end and line breaks, which restic would not read back the same', () => {
    for (const bad of [` ${GOOD}`, `${GOOD} `, `atelier\nvélo samedi`]) {
      assert.equal(exportProblems(bad, bad).passphrase?.key, 'backups.export.badCharacters', JSON.stringify(bad));
    }
  });

  it('says when the confirmation differs', () => {
    assert.deepEqual(exportProblems(GOOD, `${GOOD}!`), { confirmation: { key: 'backups.export.mismatch' } });
  });

  it('offers the features a point holds, in catalog order, never the settings and accounts', () => {
    assert.deepEqual(exportableFeatures({ services: ['appliance', 'files', 'chat'] }), ['chat', 'files']);
    assert.deepEqual(exportableFeatures({ services: ['appliance'] }), []);
  });
});
