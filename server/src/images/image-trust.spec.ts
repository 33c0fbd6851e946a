import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeImage, digestFor, judgeImage, pinnedDigest, type ImageRecord } from './image-trust';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;
const D = `sha256:${'d'.repeat(64)}`;
const record = (over: Partial<ImageRecord> = {}): ImageRecord => ({
  kind: 'service',
  reference: 'tl-test/caddy:2',
  serviceId: 'proxy',
  imageId: A,
  repoDigest: null,
  recordedAt: new Date('2026-11-29T10:00:00Z'),
  refusedImageId: null,
  refusedRepoDigest: null,
  refusedAt: null,
  ...over,
});

describe('image trust', () => {
  it('records the first image behind a reference, then trusts only that one', () => {
    assert.deepEqual(judgeImage('tl-test/caddy:2', undefined, { id: A, repoDigests: [] }), { kind: 'record' });
    assert.deepEqual(judgeImage('tl-test/caddy:2', record(), { id: A, repoDigests: [] }), { kind: 'trusted' });
  });

  it('refuses another image behind a known reference, saying which and since when', () => {
    const verdict = judgeImage('tl-test/caddy:2', record(), { id: B, repoDigests: [] });
    assert.equal(verdict.kind, 'refused');
    assert.match(
      verdict.kind === 'refused' ? verdict.reason : '',
      /tl-test\/caddy:2 now points to another image \(sha256:bbbbbbbbbbbb\).*2026-11-29 \(sha256:aaaaaaaaaaaa\)/,
    );
  });

  it('holds a catalog reference pinned by digest to that digest, record or not', () => {
    const ref = `caddy:2.11.4@${D}`;
    assert.equal(pinnedDigest(ref), D);
    assert.equal(pinnedDigest('caddy:2.11.4'), undefined);
    assert.deepEqual(judgeImage(ref, undefined, { id: A, repoDigests: [`caddy@${D}`] }), { kind: 'record' });
    assert.equal(judgeImage(ref, undefined, { id: A, repoDigests: [`caddy@${B}`] }).kind, 'refused');
    assert.equal(judgeImage(ref, undefined, { id: A, repoDigests: [] }).kind, 'refused');
  });

  it('names an image by its registry digest when it has one, else by its id', () => {
    assert.equal(digestFor('caddy:2.11.4', { id: A, repoDigests: [`other@${B}`, `caddy@${D}`] }), D);
    assert.equal(digestFor('tl-test/caddy:2', { id: A, repoDigests: [] }), null);
    assert.equal(describeImage(A, null), 'sha256:aaaaaaaaaaaa');
    assert.equal(describeImage(A, D), 'sha256:dddddddddddd');
  });
});
