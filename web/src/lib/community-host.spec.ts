import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { onCommunityHost } from './community-host';

describe('community host (web): where a visitor lands on the portal', () => {
  it('is the community’s domain', () => {
    assert.equal(onCommunityHost('fabrique.example.org'), true);
    assert.equal(onCommunityHost('Fabrique.Example.org'), true);
  });

  it('is not the administration’s address nor a bare address used during setup', () => {
    for (const host of ['admin.fabrique.example.org', '127.0.0.1', '192.168.1.20', 'localhost', '::1', '[::1]'])
      assert.equal(onCommunityHost(host), false, host);
  });
});
