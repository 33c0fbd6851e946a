import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { brandColours, contrastRatio, DEFAULT_BRAND } from './brand';

const SAMPLES = ['#2f7d5b', '#ffe600', '#f2c200', '#ff7f50', '#808080', '#1e90ff', '#ffffff', '#000000', '#7a7a7a'];

describe('brand colours (web): readable whatever the community chose', () => {
  it('matches the WCAG contrast of black on white', () => {
    assert.equal(contrastRatio('#000000', '#ffffff'), 21);
    assert.equal(contrastRatio('#ffffff', '#ffffff'), 1);
  });

  for (const colour of SAMPLES) {
    it(`${colour}: text on the brand ≥ 4.5:1, links and the focus ring on white ≥ 4.5:1`, () => {
      const c = brandColours(colour);
      assert.ok(contrastRatio(c.onBrand, c.brand) >= 4.5, `${c.onBrand} on ${c.brand}`);
      assert.ok(contrastRatio(c.text, '#ffffff') >= 4.5, `${c.text} on white`);
    });
  }

  it('keeps a colour that already reads, and a pale one for buttons with dark text', () => {
    assert.deepEqual(brandColours('#2f7d5b'), { brand: '#2f7d5b', onBrand: '#ffffff', text: '#2f7d5b' });
    const yellow = brandColours('#ffe600');
    assert.equal(yellow.brand, '#ffe600');
    assert.equal(yellow.onBrand, '#1d2327');
    assert.notEqual(yellow.text, '#ffe600');
  });

  it('falls back to the default for anything but #rrggbb', () => {
    assert.equal(brandColours('red').brand, DEFAULT_BRAND);
    assert.equal(brandColours(undefined).brand, DEFAULT_BRAND);
  });
});
