import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clientMetadata, completeClientSecrets, issuerFor, OIDC_CLIENT_IDS, redirectUrisFor } from './oidc-clients';

describe('OIDC client registry', () => {
  it('puts the issuer on the apex, in the scheme of the TLS mode', () => {
    assert.equal(issuerFor('https', 'fabrique.org'), 'https://fabrique.org/oidc');
    assert.equal(issuerFor('http', 'fabrique.lan'), 'http://fabrique.lan/oidc');
  });

  it("sends each service's code to its own public host", () => {
    assert.deepEqual(redirectUrisFor('synapse', 'https', 'fabrique.org'), [
      'https://matrix.fabrique.org/_synapse/client/oidc/callback',
    ]);
    assert.deepEqual(redirectUrisFor('hedgedoc', 'https', 'fabrique.org'), [
      'https://pad.fabrique.org/auth/oauth2/callback',
    ]);
    assert.deepEqual(redirectUrisFor('nextcloud', 'http', 'fabrique.org'), [
      'http://files.fabrique.org/apps/user_oidc/code',
    ]);
  });

  it('generates a missing secret once and keeps the existing ones', () => {
    let n = 0;
    const first = completeClientSecrets({ synapse: 'kept' }, () => `new-${++n}`);
    assert.deepEqual(first, { synapse: 'kept', hedgedoc: 'new-1', nextcloud: 'new-2' });
    assert.deepEqual(
      completeClientSecrets(first, () => 'never'),
      first,
    );
  });

  it('registers code flow only, with the secret where each service sends it', () => {
    for (const id of OIDC_CLIENT_IDS) {
      const meta = clientMetadata(id, 's', 'https', 'fabrique.org');
      assert.deepEqual(meta.grant_types, ['authorization_code']);
      assert.deepEqual(meta.response_types, ['code']);
      assert.equal(meta.client_id, id);
    }
    assert.equal(clientMetadata('hedgedoc', 's', 'https', 'f.org').token_endpoint_auth_method, 'client_secret_post');
    assert.equal(clientMetadata('synapse', 's', 'https', 'f.org').token_endpoint_auth_method, 'client_secret_basic');
  });
});
