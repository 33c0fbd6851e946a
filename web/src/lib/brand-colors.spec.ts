import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { brandText, contrastRatio, LIGHT_BACKGROUNDS, luminance, mix, textOn } from './brand-colors';

const DEFAULT = '#2f6f5e'; // brand.ts (not imported: it touches the document)
const YELLOW = '#f5d90a';

describe('brand colours: readable whatever the community picks', () => {
  it('computes WCAG luminance and contrast', () => {
    assert.equal(luminance('#ffffff'), 1);
    assert.equal(luminance('#000000'), 0);
    assert.equal(contrastRatio('#000000', '#ffffff'), 21);
    assert.equal(contrastRatio('#ffffff', '#000000'), 21);
    assert.equal(contrastRatio(YELLOW, YELLOW), 1);
    assert.equal(mix('#ffffff', '#000000', 0.5), '#808080');
  });

  it('keeps the default colour as is for links, with white text on its fill', () => {
    assert.equal(brandText(DEFAULT), DEFAULT);
    assert.equal(textOn(DEFAULT), '#ffffff');
    assert.ok(contrastRatio('#ffffff', DEFAULT) >= 4.5);
  });

  it('darkens a light yellow just enough for its links to read at 4.5:1 on every light background', () => {
    for (const bg of LIGHT_BACKGROUNDS) assert.ok(contrastRatio(YELLOW, bg) < 1.5, 'the raw colour is unreadable');
    const text = brandText(YELLOW);
    assert.notEqual(text, YELLOW);
    for (const bg of LIGHT_BACKGROUNDS) assert.ok(contrastRatio(text, bg) >= 4.5, `${text} on ${bg}`);
    // Just enough: still a yellow hue (red and green well above blue), not much past the threshold.
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(text.slice(i, i + 2), 16)) as [number, number, number];
    assert.ok(r > b * 4 && g > b * 4, text);
    assert.ok(contrastRatio(text, '#f5f6f4') < 5, text);
    assert.equal(textOn(YELLOW), '#1d2327');
  });

  it('finds text at 4.5:1 on any fill, including the mid tones where neither white nor the ink does', () => {
    for (let v = 0; v < 256; v += 5) {
      for (const fill of [`#${v.toString(16).padStart(2, '0').repeat(3)}`, '#3d8fbf', '#c0392b', '#7a7a7a']) {
        assert.ok(contrastRatio(textOn(fill), fill) >= 4.5, fill);
        assert.ok(brandText(fill) && LIGHT_BACKGROUNDS.every((bg) => contrastRatio(brandText(fill), bg) >= 4.5), fill);
      }
    }
  });
});
