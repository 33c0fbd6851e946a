import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareVersions, defaultChannel, isNotOlder, repositoryOf } from './self-update.version';

describe('compareVersions', () => {
  it('orders semantic versions numerically, releases after their pre-releases', () => {
    assert.equal(compareVersions('0.10.0', '0.9.9'), 1);
    assert.equal(compareVersions('v1.2.3', '1.2.3'), 0);
    assert.equal(compareVersions('1.2', '1.2.0'), 0);
    assert.equal(compareVersions('1.2.3-rc.1', '1.2.3'), -1);
    assert.equal(compareVersions('1.2.3-rc.2', '1.2.3-rc.10'), -1);
    assert.equal(compareVersions('1.2.3-alpha', '1.2.3-1'), 1);
    assert.equal(compareVersions('1.2.3+build.5', '1.2.3'), 0);
    assert.equal(compareVersions('9.9.9', '0.1.0'), 1);
  });

  it('says nothing about what is not a version', () => {
    assert.equal(compareVersions('0.0.0-dev', 'latest'), undefined);
    assert.equal(compareVersions('', '1.0.0'), undefined);
  });
});

describe('isNotOlder', () => {
  it('refuses only a known downgrade', () => {
    assert.equal(isNotOlder('0.1.0', '0.2.0'), false);
    assert.equal(isNotOlder('0.2.0', '0.2.0'), true);
    assert.equal(isNotOlder('0.3.0', '0.2.0'), true);
    assert.equal(isNotOlder(undefined, '0.2.0'), true);
    assert.equal(isNotOlder('nightly', '0.2.0'), true);
  });
});

describe('repositoryOf and defaultChannel', () => {
  it('strips the tag and the digest', () => {
    assert.equal(repositoryOf('tiers-lieux/appliance:dev'), 'tiers-lieux/appliance');
    assert.equal(repositoryOf('tl/appliance:1.0@sha256:' + 'a'.repeat(64)), 'tl/appliance');
    assert.equal(repositoryOf('tl/nested/appliance'), 'tl/nested/appliance');
    assert.equal(repositoryOf('sha256:' + 'b'.repeat(64)), undefined);
  });

  it('defaults to the running repository with tag stable', () => {
    assert.equal(defaultChannel('tiers-lieux/appliance:0.1.0'), 'tiers-lieux/appliance:stable');
    assert.equal(defaultChannel('c'.repeat(64)), undefined);
  });
});
