import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkHost, hostOf } from './domain-input';

describe('wizard: the domain as typed or pasted', () => {
  it('keeps the host of a pasted address, as typed, without scheme, port, path or final dot', () => {
    assert.equal(hostOf('https://pad.example.org/'), 'pad.example.org');
    assert.equal(hostOf('  HTTP://Fabrique.Example.org:8443/a/b?c#d '), 'fabrique.example.org');
    assert.equal(hostOf('user@example.org/'), 'example.org');
    assert.equal(hostOf('example.org.'), 'example.org');
    assert.equal(hostOf('tiers-lieu.example.org'), 'tiers-lieu.example.org');
  });

  it('tells a stray character from a single word from an otherwise malformed name', () => {
    assert.deepEqual(checkHost(''), { key: 'validation.required' });
    assert.deepEqual(checkHost(hostOf('mon asso')), { key: 'wizard.domain.notHost' });
    assert.deepEqual(checkHost('café.org'), { key: 'wizard.domain.notHost' });
    assert.deepEqual(checkHost('monasso'), { key: 'wizard.domain.noDot' });
    assert.deepEqual(checkHost('-a.example.org'), { key: 'validation.domain' });
    assert.deepEqual(checkHost('example.123'), { key: 'validation.domain' });
    assert.equal(checkHost('fabrique.example.org'), undefined);
  });
});
