import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CATALOG } from './catalog';
import { testContext } from './catalog.fixtures.spec';
import { membersContext, testClient } from './members.fixtures.spec';
import { nextcloudSsoCommands } from './nextcloud.sso';

/**
 * Options of `occ user_oidc:provider` (user_oidc's lib/Command/UpsertProvider.php: configure() and
 * EXTRA_OPTIONS), the subset this catalog may use.
 */
const PROVIDER_OPTIONS = [
  'clientid',
  'clientsecret',
  'clientsecret-file',
  'clientsecret-env',
  'discoveryuri',
  'endsessionendpointuri',
  'postlogouturi',
  'scope',
  'unique-uid',
  'check-bearer',
  'bearer-provisioning',
  'send-id-token-hint',
  'mapping-display-name',
  'mapping-email',
  'mapping-quota',
  'mapping-uid',
  'mapping-groups',
  'group-provisioning',
];

function option(argv: readonly string[], name: string): string | undefined {
  const found = argv.find((arg) => arg.startsWith(`--${name}=`));
  return found?.slice(name.length + 3);
}

describe('nextcloud user_oidc commands', () => {
  it('are none without a files client, and the files are today’s', () => {
    assert.deepEqual(nextcloudSsoCommands(testContext()), []);
    assert.deepEqual(nextcloudSsoCommands(membersContext({ clients: { chat: testClient('chat') } })), []);
    assert.deepEqual(
      CATALOG.nextcloud.renderFiles(membersContext({ clients: { pad: testClient('pad') } })),
      CATALOG.nextcloud.renderFiles(testContext()),
    );
  });

  it('run occ with php, without a shell or a prompt, in a fixed order', () => {
    const commands = nextcloudSsoCommands(membersContext());
    for (const argv of commands) assert.deepEqual(argv.slice(0, 3), ['php', '/var/www/html/occ', '--no-interaction']);
    assert.deepEqual(
      commands.map((argv) => argv[3]),
      ['app:enable', 'config:system:set', 'user_oidc:provider', 'config:system:set', 'config:system:set'],
    );
    assert.deepEqual(commands[0].slice(3), ['app:enable', 'user_oidc']);
    assert.deepEqual(commands[1].slice(3), [
      'config:system:set',
      'allow_local_remote_servers',
      '--value=true',
      '--type=boolean',
    ]);
    assert.deepEqual(commands[3].slice(3), [
      'config:system:set',
      'user_oidc',
      'enrich_login_id_token_with_userinfo',
      '--value=true',
      '--type=boolean',
    ]);
  });

  it('configure the provider with documented options, plain user ids and the OpenID claims', () => {
    const provider = nextcloudSsoCommands(membersContext())[2];
    assert.equal(provider[4], 'community');
    for (const arg of provider.slice(5)) {
      const name = /^--([a-z-]+)=/.exec(arg)?.[1];
      assert.ok(name && PROVIDER_OPTIONS.includes(name), `${arg} is not a user_oidc:provider option`);
    }
    assert.equal(option(provider, 'clientid'), 'client-files');
    assert.equal(option(provider, 'discoveryuri'), 'https://example.org/oidc/.well-known/openid-configuration');
    assert.equal(option(provider, 'scope'), 'openid email profile');
    assert.equal(option(provider, 'unique-uid'), '0');
    assert.equal(option(provider, 'mapping-uid'), 'preferred_username');
    assert.equal(option(provider, 'mapping-display-name'), 'name');
    assert.equal(option(provider, 'mapping-email'), 'email');
    assert.equal(option(provider, 'check-bearer'), '0');
  });

  it('pass the secret as a file written into the container, never on the command line', () => {
    const ctx = membersContext();
    const commands = nextcloudSsoCommands(ctx);
    assert.ok(!JSON.stringify(commands).includes('client-secret-files'));
    const path = option(commands[2], 'clientsecret-file');
    assert.equal(path, '/run/secrets/oidc-client-secret');
    const file = CATALOG.nextcloud.renderFiles(ctx).find((f) => f.path === path);
    assert.ok(file && file.type === 'file');
    assert.equal(file.content, 'client-secret-files');
    assert.equal(file.uid, 33);
  });

  it('label the sign-in button with the community name, as one argument whatever it holds', () => {
    const ctx = membersContext(undefined, { communityName: 'Café "du coin"; rm -rf /' });
    const label = nextcloudSsoCommands(ctx)[4];
    assert.deepEqual(label.slice(3), [
      'config:system:set',
      'user_oidc',
      'login_label',
      '--value=Café "du coin"; rm -rf /',
    ]);
  });
});
