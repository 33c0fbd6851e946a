import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testContext } from './catalog.fixtures.spec';
import { ISSUER, membersContext, testClient } from './members.fixtures.spec';
import { homeserverConfig, renderHomeserverYaml, synapseDefinition } from './synapse.catalog';
import { roomAliasLocalpart, SYNAPSE_OIDC_SECRET_PATH } from './synapse.sso';

type Provider = Record<string, unknown> & { user_mapping_provider: { config: Record<string, string> } };

function providers(config: Record<string, unknown>): Provider[] {
  return config.oidc_providers as Provider[];
}

describe('synapse single sign-on (oidc_providers, as in the Synapse configuration manual)', () => {
  it('renders nothing new without members input', () => {
    const config = homeserverConfig(testContext());
    for (const key of ['oidc_providers', 'password_config', 'sso', 'auto_join_rooms', 'autocreate_auto_join_rooms'])
      assert.equal(config[key], undefined, key);
    assert.deepEqual(homeserverConfig({ ...testContext(), members: {} }), config);
    assert.equal(renderHomeserverYaml({ ...testContext(), members: {} }), renderHomeserverYaml(testContext()));
  });

  it('declares the community as its one identity provider, with PKCE and the secret in a file', () => {
    const [provider, ...others] = providers(homeserverConfig(membersContext()));
    assert.equal(others.length, 0);
    assert.equal(provider.idp_id, 'community');
    assert.equal(provider.idp_name, 'La Fabrique');
    assert.equal(provider.issuer, ISSUER);
    assert.equal(provider.client_id, 'client-chat');
    assert.equal(provider.client_secret_path, '/run/secrets/oidc-client-secret');
    // Synapse refuses both at once ("Cannot specify both client_secret and client_secret_path").
    assert.equal(provider.client_secret, undefined);
    assert.equal(provider.client_auth_method, 'client_secret_post');
    assert.equal(provider.pkce_method, 'always');
    assert.deepEqual(provider.scopes, ['openid', 'profile']);
    assert.equal(provider.user_profile_method, 'userinfo_endpoint');
    assert.equal(provider.allow_existing_users, false);
    assert.equal(provider.skip_verification, undefined);
    assert.deepEqual(provider.user_mapping_provider.config, {
      subject_template: '{{ user.sub }}',
      localpart_template: '{{ user.preferred_username }}',
      display_name_template: '{{ user.name }}',
    });
  });

  it('keeps the secret out of homeserver.yaml and writes it where client_secret_path points', () => {
    const ctx = membersContext();
    assert.ok(!renderHomeserverYaml(ctx).includes('client-secret-chat'));
    const file = synapseDefinition.renderFiles(ctx).find((f) => f.path === SYNAPSE_OIDC_SECRET_PATH);
    assert.ok(file && file.type === 'file');
    assert.equal(file.content, 'client-secret-chat');
    assert.equal(file.uid, 991);
    assert.equal(file.mode, 0o440);
    assert.ok(!synapseDefinition.renderFiles(testContext()).some((f) => f.path === SYNAPSE_OIDC_SECRET_PATH));
  });

  it('keeps password login for the admin and skips the consent page for Element', () => {
    const config = homeserverConfig(membersContext());
    assert.deepEqual(config.password_config, { enabled: true, localdb_enabled: true });
    assert.deepEqual(config.sso, {
      client_whitelist: ['https://chat.example.org/'],
      update_profile_information: true,
    });
    assert.equal(config.enable_registration, false);
  });

  it('skips metadata verification only for a plain-http issuer (authlib wants https)', () => {
    const plain = { ...testClient('chat'), issuer: 'http://example.test/oidc' };
    const [provider] = providers(homeserverConfig(membersContext({ clients: { chat: plain } })));
    assert.equal(provider.skip_verification, true);
  });

  it('makes new accounts join the starting rooms, created by the admin if missing', () => {
    const config = homeserverConfig(membersContext());
    assert.deepEqual(config.auto_join_rooms, ['#general:example.org', '#annonces:example.org']);
    assert.equal(config.autocreate_auto_join_rooms, true);
    assert.equal(config.auto_join_mxid_localpart, 'camille');
    assert.equal(config.autocreate_auto_join_room_preset, 'public_chat');
    assert.equal(config.autocreate_auto_join_rooms_federated, true);
    const closed = homeserverConfig(
      membersContext(
        { autoJoinRooms: ['#general:example.org'] },
        { federation: { mode: 'closed', allowedDomains: [] } },
      ),
    );
    assert.equal(closed.autocreate_auto_join_rooms_federated, false);
    assert.equal(closed.oidc_providers, undefined);
  });

  it('refuses a room alias that is not on our server or not an alias', () => {
    for (const alias of ['#general:evil.org', 'general', '!room:example.org', '#a b:example.org'])
      assert.throws(() => homeserverConfig(membersContext({ autoJoinRooms: [alias] })), RangeError, alias);
  });

  it('derives alias localparts from room names', () => {
    assert.equal(roomAliasLocalpart('Général'), 'general');
    assert.equal(roomAliasLocalpart('Annonces'), 'annonces');
    assert.equal(roomAliasLocalpart('  Café & Vélo '), 'cafe-velo');
    assert.throws(() => roomAliasLocalpart('¿?'), RangeError);
  });

  it('cannot be broken by a hostile community name', () => {
    const yaml = renderHomeserverYaml(membersContext(undefined, { communityName: 'x"\nissuer: https://evil' }));
    assert.equal(yaml.match(/"issuer":/g)?.length, 1);
  });
});
