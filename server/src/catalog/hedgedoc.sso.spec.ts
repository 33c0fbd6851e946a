import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CATALOG } from './catalog';
import { testContext } from './catalog.fixtures.spec';
import { ISSUER, membersContext, testClient } from './members.fixtures.spec';

/** The OAuth2 variables of HedgeDoc 1.11's docs/content/configuration.md ("OAuth2 Login"), verbatim. */
const DOCUMENTED_OAUTH2 = [
  'CMD_OAUTH2_USER_PROFILE_URL',
  'CMD_OAUTH2_USER_PROFILE_USERNAME_ATTR',
  'CMD_OAUTH2_USER_PROFILE_DISPLAY_NAME_ATTR',
  'CMD_OAUTH2_USER_PROFILE_EMAIL_ATTR',
  'CMD_OAUTH2_USER_PROFILE_ID_ATTR',
  'CMD_OAUTH2_TOKEN_URL',
  'CMD_OAUTH2_AUTHORIZATION_URL',
  'CMD_OAUTH2_CLIENT_ID',
  'CMD_OAUTH2_CLIENT_SECRET',
  'CMD_OAUTH2_PROVIDERNAME',
  'CMD_OAUTH2_SCOPE',
  'CMD_OAUTH2_ROLES_CLAIM',
  'CMD_OAUTH2_ACCESS_ROLE',
  'CMD_OAUTH2_PKCE',
];

describe('hedgedoc OAuth2 sign-in with the community provider', () => {
  it('renders exactly today’s environment and files without a pad client', () => {
    const bare = testContext();
    const noPad = membersContext({ clients: { chat: testClient('chat') } });
    assert.deepEqual(CATALOG.hedgedoc.renderEnv(noPad), CATALOG.hedgedoc.renderEnv(bare));
    assert.deepEqual(CATALOG.hedgedoc.renderFiles(noPad), CATALOG.hedgedoc.renderFiles(bare));
    assert.ok(!Object.keys(CATALOG.hedgedoc.renderEnv(bare)).some((key) => key.startsWith('CMD_OAUTH2_')));
  });

  it('uses only documented CMD_OAUTH2_* variables, pointed at oidc-provider’s default routes', () => {
    const env = CATALOG.hedgedoc.renderEnv(membersContext());
    const oauth2 = Object.keys(env).filter((key) => key.startsWith('CMD_OAUTH2_'));
    for (const key of oauth2) assert.ok(DOCUMENTED_OAUTH2.includes(key), `${key} is not documented`);
    assert.equal(env.CMD_OAUTH2_AUTHORIZATION_URL, `${ISSUER}/auth`);
    assert.equal(env.CMD_OAUTH2_TOKEN_URL, `${ISSUER}/token`);
    assert.equal(env.CMD_OAUTH2_USER_PROFILE_URL, `${ISSUER}/me`);
    assert.equal(env.CMD_OAUTH2_PROVIDERNAME, 'La Fabrique');
    assert.equal(env.CMD_OAUTH2_CLIENT_ID, 'client-pad');
    assert.equal(env.CMD_OAUTH2_SCOPE, 'openid profile email');
    assert.equal(env.CMD_OAUTH2_PKCE, 'true');
  });

  it('maps the OpenID claims to the profile attributes', () => {
    const env = CATALOG.hedgedoc.renderEnv(membersContext());
    assert.equal(env.CMD_OAUTH2_USER_PROFILE_ID_ATTR, 'sub');
    assert.equal(env.CMD_OAUTH2_USER_PROFILE_USERNAME_ATTR, 'preferred_username');
    assert.equal(env.CMD_OAUTH2_USER_PROFILE_DISPLAY_NAME_ATTR, 'name');
    assert.equal(env.CMD_OAUTH2_USER_PROFILE_EMAIL_ATTR, 'email');
  });

  it('gives the secret as HedgeDoc’s oauth2_clientSecret Docker secret, never in the environment', () => {
    const ctx = membersContext();
    const env = CATALOG.hedgedoc.renderEnv(ctx);
    assert.equal(env.CMD_OAUTH2_CLIENT_SECRET, undefined);
    assert.ok(!JSON.stringify(env).includes('client-secret-pad'));
    const file = CATALOG.hedgedoc.renderFiles(ctx).find((f) => f.path === '/run/secrets/oauth2_clientSecret');
    assert.ok(file && file.type === 'file');
    assert.equal(file.content, 'client-secret-pad');
    assert.equal(file.uid, 10000);
  });

  it('turns local email sign-up off, even when the pad settings allowed it', () => {
    const ctx = membersContext(undefined, { pad: { allowAnonymous: false, allowRegister: true } });
    const env = CATALOG.hedgedoc.renderEnv(ctx);
    assert.equal(env.CMD_ALLOW_EMAIL_REGISTER, 'false');
    assert.equal(CATALOG.hedgedoc.renderEnv({ ...ctx, members: undefined }).CMD_ALLOW_EMAIL_REGISTER, 'true');
  });
});
