import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { publicAddressOf } from './setup-preflight';

describe('publicAddressOf: the address a request reached this server at, when public', () => {
  it('keeps a public IPv4 or IPv6 literal, with or without a port', () => {
    assert.equal(publicAddressOf('203.0.113.7'), '203.0.113.7');
    assert.equal(publicAddressOf('203.0.113.7:8080'), '203.0.113.7');
    assert.equal(publicAddressOf('[2001:db8::7]:443'), '2001:db8::7');
  });

  it('tells nothing from a name, a private, loopback or link-local address', () => {
    for (const host of [undefined, 'fabrique.example.org', '127.0.0.1:3000', '192.168.1.20', '10.0.0.2', '[::1]:80']) {
      assert.equal(publicAddressOf(host), null, String(host));
    }
    assert.equal(publicAddressOf('[fe80::1]'), null);
    assert.equal(publicAddressOf('[::ffff:192.168.1.2]'), null);
  });
});
