import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as rules from './offsite.rules';

const { accessOf, appendOnlyRefusal, basicCredentials, parseOffsitePath, parseRange, quotaRefusal } = rules;

const ID = '2f1c0d6e-8a7b-4c3d-9e2f-0123456789ab';
const NAME = 'a'.repeat(64);

describe('off-site REST rules', () => {
  it('reads the paths restic uses, and nothing else', () => {
    assert.deepEqual(parseOffsitePath(`/${ID}/`), { kind: 'repository', applianceId: ID });
    assert.deepEqual(parseOffsitePath(`/${ID}/config`), { kind: 'config', applianceId: ID });
    assert.deepEqual(parseOffsitePath(`/${ID}/keys/`), { kind: 'list', applianceId: ID, type: 'keys' });
    assert.deepEqual(parseOffsitePath(`/${ID}/data/${NAME}`), {
      kind: 'blob',
      applianceId: ID,
      type: 'data',
      name: NAME,
    });
    for (const bad of [
      '/',
      `/${ID}/../x`,
      `/${ID}/data/..`,
      `/${ID}/other/${NAME}`,
      `/not-an-id/config`,
      `/${ID}/keys/x`,
    ])
      assert.equal(parseOffsitePath(bad), null, bad);
  });

  it('is append-only: no delete and no overwrite, except locks', () => {
    const data = { kind: 'blob', applianceId: ID, type: 'data', name: NAME } as const;
    const lock = { ...data, type: 'locks' } as const;
    assert.equal(accessOf('DELETE', data), 'delete');
    assert.match(appendOnlyRefusal('delete', data, true) ?? '', /append-only/);
    assert.match(appendOnlyRefusal('write', data, true) ?? '', /append-only/);
    assert.equal(appendOnlyRefusal('write', data, false), null);
    assert.equal(appendOnlyRefusal('delete', lock, true), null);
    assert.equal(accessOf('PUT', data), null);
    assert.equal(accessOf('DELETE', { kind: 'list', applianceId: ID, type: 'keys' }), null);
  });

  it('refuses past the quota with the figures', () => {
    assert.equal(quotaRefusal(10, 10, 20), null);
    assert.match(quotaRefusal(10, 11, 20) ?? '', /quota exceeded/);
  });

  it('reads ranges and basic credentials', () => {
    assert.deepEqual(parseRange('bytes=2-5', 10), { start: 2, end: 5 });
    assert.deepEqual(parseRange('bytes=2-', 10), { start: 2, end: 9 });
    assert.equal(parseRange('bytes=12-', 10), 'invalid');
    assert.equal(parseRange(undefined, 10), null);
    const header = `Basic ${Buffer.from(`${ID}:p:w`).toString('base64')}`;
    assert.deepEqual(basicCredentials(header), { user: ID, password: 'p:w' });
    assert.equal(basicCredentials('Bearer x'), null);
  });
});
