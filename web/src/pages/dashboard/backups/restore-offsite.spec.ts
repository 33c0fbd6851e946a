import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MessageKey } from '../../../lib/i18n';
import { placeProblem } from './restore-offsite';

const known = new Set(['restoreOffsite.problem.targetUnreachable', 'restoreOffsite.problem.pointNotAtTarget']);
const has = (key: string): key is MessageKey => known.has(key);
const on = (field: string, code: string) => [{ field, code, message: 'server words' }];

describe('backups: restoring from another place', () => {
  it('says what is wrong with the place, from the code on the field target', () => {
    assert.deepEqual(placeProblem(on('target', 'targetUnreachable'), has), {
      key: 'restoreOffsite.problem.targetUnreachable',
    });
    assert.deepEqual(placeProblem(on('target', 'pointNotAtTarget'), has), {
      key: 'restoreOffsite.problem.pointNotAtTarget',
    });
  });

  it('falls back to a general sentence for a code it does not know, and leaves other refusals alone', () => {
    assert.deepEqual(placeProblem(on('target', 'somethingNew'), has), { key: 'restoreOffsite.problem.targetFailed' });
    assert.equal(placeProblem(on('services', 'isIn'), has), undefined);
    assert.equal(placeProblem(undefined, has), undefined);
  });
});
