import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AVATAR_MAX_BYTES, avatarType } from './avatar';

const bytes = (...parts: Array<number[] | string>) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('avatar pictures', () => {
  it('knows PNG, JPEG and WebP by their first bytes', () => {
    assert.equal(avatarType(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0])), 'image/png');
    assert.equal(avatarType(bytes([0xff, 0xd8, 0xff, 0xe0])), 'image/jpeg');
    assert.equal(avatarType(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 ')), 'image/webp');
  });

  it('refuses anything else, whatever it would be called: SVG, GIF, HTML, a cut-off header, nothing', () => {
    for (const refused of [
      bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      bytes('GIF89a'),
      bytes('<html><script>'),
      bytes([0x89], 'PN'),
      bytes('RIFF', [1, 2, 3, 4], 'WAVE'),
      bytes(),
    ])
      assert.equal(avatarType(refused), undefined);
  });

  it('allows at most 1 MiB', () => {
    assert.equal(AVATAR_MAX_BYTES, 1_048_576);
  });
});
