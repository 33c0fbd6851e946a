import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contrastRatio, readableAccent } from './colour';

describe('readable accent colour (Element’s theme)', () => {
  it('keeps a colour white text already reads on', () => {
    assert.equal(readableAccent('#2e7d32'), '#2e7d32');
  });

  for (const pale of ['#ffe600', '#f2c200', '#87ceeb', '#ff7f50', '#ffffff'])
    it(`darkens ${pale} until white text reads on it (4.5:1)`, () => {
      const accent = readableAccent(pale);
      assert.notEqual(accent, pale);
      assert.ok(contrastRatio(accent, '#ffffff') >= 4.5, accent);
    });

  it('refuses anything but #rrggbb', () => {
    assert.throws(() => readableAccent('yellow'), RangeError);
  });
});
