import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reapplyTargets } from './mail-features';

describe('the features a change of the mail relay re-applies', () => {
  it('are the enabled ones among chat and files', () => {
    assert.deepEqual(reapplyTargets([]), []);
    assert.deepEqual(
      reapplyTargets([
        { id: 'pad', enabled: true },
        { id: 'files', enabled: true },
        { id: 'chat', enabled: false },
      ]),
      ['files'],
    );
    assert.deepEqual(
      reapplyTargets([
        { id: 'files', enabled: true },
        { id: 'chat', enabled: true },
      ]),
      ['chat', 'files'],
    );
  });
});
