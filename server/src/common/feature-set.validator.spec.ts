import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDistinctSubset } from './feature-set.validator';

const ALLOWED = ['chat', 'pad', 'files'] as const;

describe('isDistinctSubset', () => {
  it('accepts distinct allowed values, in any order, and the empty list', () => {
    assert.equal(isDistinctSubset([], ALLOWED), true);
    assert.equal(isDistinctSubset(['files', 'chat'], ALLOWED), true);
  });

  it('refuses repeats, unknown values, non-strings and non-arrays', () => {
    assert.equal(isDistinctSubset(['chat', 'chat'], ALLOWED), false);
    assert.equal(isDistinctSubset(['mail'], ALLOWED), false);
    assert.equal(isDistinctSubset([1], ALLOWED), false);
    assert.equal(isDistinctSubset('chat', ALLOWED), false);
  });

  it('refuses a list longer than the set before looking at its items', () => {
    // A getter on every index would throw if the validator iterated the items.
    const huge = new Proxy(new Array<string>(100_000).fill('chat'), {
      get: (target, key) => {
        if (typeof key === 'string' && /^\d+$/.test(key)) throw new Error('items must not be read');
        return Reflect.get(target, key) as unknown;
      },
    });
    assert.equal(isDistinctSubset(huge, ALLOWED), false);
  });
});
