import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { needsRecoveryKey, recoveryKeyFileName } from './recovery-key';

describe('recovery key notice', () => {
  it('asks once a backup succeeded and no key was made', () => {
    assert.equal(needsRecoveryKey({ lastSuccessAt: '2026-11-30T06:00:00.000Z', recoveryKeyAt: null }), true);
  });

  it('does not ask before the first backup, nor once a key was made', () => {
    assert.equal(needsRecoveryKey({ lastSuccessAt: null, recoveryKeyAt: null }), false);
    const made = { lastSuccessAt: '2026-11-30T06:00:00.000Z', recoveryKeyAt: '2026-11-30T06:05:00.000Z' };
    assert.equal(needsRecoveryKey(made), false);
  });

  it('names the downloaded file by its day', () => {
    assert.equal(recoveryKeyFileName(new Date('2026-11-30T06:05:00Z')), 'recovery-key-2026-11-30.txt');
  });
});
