import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerFor, cacheControlFor, encodingQualities, IMMUTABLE, REVALIDATE } from './web-assets';

const files = new Set([
  '/index.html',
  '/index.html.br',
  '/index.html.gz',
  '/assets/index-BmNGVp5b.js',
  '/assets/index-BmNGVp5b.js.br',
  '/assets/index-BmNGVp5b.js.gz',
  '/assets/index-DxdZpEAo.css',
  '/assets/index-DxdZpEAo.css.gz',
  '/logo.png',
]);

describe('web assets: encoding and caching', () => {
  it('reads qualities, `*` and refusals from Accept-Encoding', () => {
    assert.deepEqual(
      [...encodingQualities('gzip, deflate;q=0.5, br;q=0, *;q=0.1')],
      [
        ['gzip', 1],
        ['deflate', 0.5],
        ['br', 0],
        ['*', 0.1],
      ],
    );
    assert.equal(encodingQualities(undefined).size, 0);
  });

  it('prefers brotli, then gzip, then the original', () => {
    const js = '/assets/index-BmNGVp5b.js';
    assert.equal(answerFor(js, 'gzip, deflate, br', files)?.encoding, 'br');
    assert.equal(answerFor(js, 'gzip, deflate, br', files)?.file, `${js}.br`);
    assert.equal(answerFor(js, 'gzip', files)?.file, `${js}.gz`);
    assert.equal(answerFor(js, 'br;q=0, gzip', files)?.encoding, 'gzip');
    assert.equal(answerFor(js, 'br;q=0, *', files)?.encoding, 'gzip');
    assert.equal(answerFor(js, 'br;q=0, gzip;q=0', files)?.encoding, null);
    assert.deepEqual(answerFor(js, undefined, files), {
      file: js,
      encoding: null,
      negotiated: true,
      cacheControl: IMMUTABLE,
    });
    // A file with only a gzip copy is sent gzipped to a brotli client that also takes gzip.
    assert.equal(answerFor('/assets/index-DxdZpEAo.css', 'br, gzip', files)?.encoding, 'gzip');
    assert.equal(answerFor('/assets/index-DxdZpEAo.css', 'br', files)?.encoding, null);
  });

  it('does not negotiate files with no compressed copy, and never serves a copy by its own name', () => {
    assert.deepEqual(answerFor('/logo.png', 'br, gzip', files), {
      file: '/logo.png',
      encoding: null,
      negotiated: false,
      cacheControl: 'public, max-age=3600',
    });
    assert.equal(answerFor('/assets/index-BmNGVp5b.js.br', 'br', files), null);
    assert.equal(answerFor('/missing.js', 'br', files), null);
  });

  it('caches hashed assets forever and revalidates index.html', () => {
    assert.equal(cacheControlFor('/assets/index-BmNGVp5b.js'), IMMUTABLE);
    assert.equal(cacheControlFor('/assets/SetupPage-a_b-C9d0.css'), IMMUTABLE);
    assert.equal(cacheControlFor('/index.html'), REVALIDATE);
    assert.notEqual(cacheControlFor('/assets/logo.svg'), IMMUTABLE);
    assert.notEqual(cacheControlFor('/favicon-1.ico'), IMMUTABLE);
  });
});
