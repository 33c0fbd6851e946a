import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { elementConfig } from '../catalog/element.catalog';
import { hedgedocSsoEnv } from '../catalog/hedgedoc.sso';
import { nextcloudSsoCommands } from '../catalog/nextcloud.sso';
import { relyingPartyRedirectUris, TOKEN_ENDPOINT_AUTH_METHOD } from '../catalog/oidc-client.settings';
import { synapseSsoSettings } from '../catalog/synapse.sso';
import { testContext } from '../catalog/catalog.fixtures.spec';
import {
  clientMetadata,
  completeClientSecrets,
  issuerFor,
  membersRenderInput,
  OIDC_CLIENT_IDS,
  redirectUrisFor,
} from './oidc-clients';

const SECRETS = { synapse: 's-syn', hedgedoc: 's-hed', nextcloud: 's-nc' };

describe('OIDC client registry', () => {
  it('puts the issuer on the apex, in the scheme of the TLS mode', () => {
    assert.equal(issuerFor('https', 'fabrique.org'), 'https://fabrique.org/oidc');
    assert.equal(issuerFor('http', 'fabrique.lan'), 'http://fabrique.lan/oidc');
  });

  it("sends each service's code to its own public host, over https in every TLS mode", () => {
    assert.deepEqual(redirectUrisFor('synapse', 'fabrique.org'), [
      'https://matrix.fabrique.org/_synapse/client/oidc/callback',
    ]);
    assert.deepEqual(redirectUrisFor('hedgedoc', 'fabrique.org'), ['https://pad.fabrique.org/auth/oauth2/callback']);
    assert.deepEqual(redirectUrisFor('nextcloud', 'fabrique.org'), [
      'https://files.fabrique.org/apps/user_oidc/code',
      'https://files.fabrique.org/index.php/apps/user_oidc/code',
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

  it('registers code flow only, each client with the token auth method its rendered config uses', () => {
    for (const id of OIDC_CLIENT_IDS) {
      const meta = clientMetadata(id, 's', 'fabrique.org');
      assert.deepEqual(meta.grant_types, ['authorization_code']);
      assert.deepEqual(meta.response_types, ['code']);
      assert.equal(meta.client_id, id);
      assert.equal(meta.token_endpoint_auth_method, 'client_secret_post');
    }
    const ctx = { ...testContext(), members: membersRenderInput(input(['chat'])) };
    const [provider] = synapseSsoSettings(ctx).oidc_providers as Array<Record<string, unknown>>;
    assert.equal(provider.client_auth_method, clientMetadata('synapse', 's', 'example.org').token_endpoint_auth_method);
    assert.equal(TOKEN_ENDPOINT_AUTH_METHOD, 'client_secret_post');
  });

  it("registers exactly the redirect URIs the catalog's services send", () => {
    const sent = relyingPartyRedirectUris('fabrique.org');
    assert.deepEqual(clientMetadata('synapse', 's', 'fabrique.org').redirect_uris, sent.chat);
    assert.deepEqual(clientMetadata('hedgedoc', 's', 'fabrique.org').redirect_uris, sent.pad);
    assert.deepEqual(clientMetadata('nextcloud', 's', 'fabrique.org').redirect_uris, sent.files);
  });
});

function input(features: Array<'chat' | 'pad' | 'files'>, autoJoinRooms?: string[]) {
  return { features, issuer: 'http://example.org/oidc', domain: 'example.org', secrets: SECRETS, autoJoinRooms };
}

describe('members render input', () => {
  it('is absent without any feature, so nothing renders differently', () => {
    assert.equal(membersRenderInput(input([])), undefined);
  });

  it('gives a client to each enabled feature only', () => {
    const members = membersRenderInput(input(['chat', 'pad']));
    assert.deepEqual(Object.keys(members?.clients ?? {}).sort(), ['chat', 'pad']);
    assert.deepEqual(members?.clients?.chat, {
      issuer: 'http://example.org/oidc',
      clientId: 'synapse',
      clientSecret: 's-syn',
      redirectUris: ['https://matrix.example.org/_synapse/client/oidc/callback'],
    });
    assert.equal(members?.clients?.pad?.clientId, 'hedgedoc');
    const ctx = { ...testContext(), members };
    assert.equal(hedgedocSsoEnv(ctx).CMD_OAUTH2_CLIENT_ID, 'hedgedoc');
    assert.deepEqual(nextcloudSsoCommands(ctx), []);
  });

  it('lists starting rooms only when chat is on', () => {
    const rooms = ['#general:example.org'];
    assert.deepEqual(membersRenderInput(input(['chat'], rooms))?.autoJoinRooms, rooms);
    assert.equal(membersRenderInput(input(['pad'], rooms))?.autoJoinRooms, undefined);
  });

  it('brings the community colour and logo to Element (theme and sign-in header)', () => {
    const members = membersRenderInput({
      ...input(['chat']),
      colour: '#2e7d32',
      logoUrl: 'https://example.org/api/portal/logo',
    });
    const config = elementConfig({ ...testContext(), members });
    assert.equal(config.default_theme, `custom-${testContext().settings.communityName}`);
    assert.deepEqual(config.branding, { auth_header_logo_url: 'https://example.org/api/portal/logo' });
    const plain = membersRenderInput(input(['chat']));
    assert.equal(plain?.colour, undefined);
    assert.equal(plain?.logoUrl, undefined);
  });
});
