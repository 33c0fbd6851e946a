import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDomainName } from './domain';

describe('isDomainName', () => {
  it('accepts ordinary and LAN names', () => {
    for (const ok of ['tiers-lieu.example.org', 'fabrique.local', 'a.b.c.fr', 'xn--fabrique-9ya.fr']) {
      assert.equal(isDomainName(ok), true, ok);
    }
  });
  it('refuses what cannot be a certificate name', () => {
    for (const bad of [
      'localhost',
      'Example.org',
      'no spaces.org',
      '-bad.org',
      'bad-.org',
      '1.2.3.4',
      'a..b',
      'http://x.org',
    ]) {
      assert.equal(isDomainName(bad), false, bad);
    }
  });
});
