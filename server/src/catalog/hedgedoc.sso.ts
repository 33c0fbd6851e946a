import type { RenderContext, RenderedFile } from './catalog.types';
import { providerEndpoints } from './oidc-client.settings';
import { secretFile } from './secret-files';

/**
 * HedgeDoc 1.x reads its OAuth2 client secret from this Docker-secret name by itself
 * (lib/config/dockerSecret.js: `oauth2.clientSecret = getSecret('oauth2_clientSecret')`, merged over
 * the environment), so the secret never needs `CMD_OAUTH2_CLIENT_SECRET`.
 */
export const HEDGEDOC_OAUTH2_SECRET_NAME = 'oauth2_clientSecret';

/**
 * The `CMD_OAUTH2_*` variables documented for HedgeDoc 1.x ("OAuth2 Login"), pointed at the community's
 * provider; `{}` without a pad client. Profile attributes are OpenID claims read from the userinfo
 * endpoint (`sub` keeps the account stable if a member's username changes). Local email sign-up goes
 * away when members exist; existing local accounts may still sign in by email.
 */
export function hedgedocSsoEnv(ctx: RenderContext): Record<string, string> {
  const client = ctx.members?.clients?.pad;
  if (!client) return {};
  const endpoints = providerEndpoints(client.issuer);
  return {
    CMD_OAUTH2_PROVIDERNAME: ctx.settings.communityName,
    CMD_OAUTH2_AUTHORIZATION_URL: endpoints.authorization,
    CMD_OAUTH2_TOKEN_URL: endpoints.token,
    CMD_OAUTH2_USER_PROFILE_URL: endpoints.userinfo,
    CMD_OAUTH2_USER_PROFILE_ID_ATTR: 'sub',
    CMD_OAUTH2_USER_PROFILE_USERNAME_ATTR: 'preferred_username',
    CMD_OAUTH2_USER_PROFILE_DISPLAY_NAME_ATTR: 'name',
    CMD_OAUTH2_USER_PROFILE_EMAIL_ATTR: 'email',
    CMD_OAUTH2_SCOPE: 'openid profile email',
    CMD_OAUTH2_CLIENT_ID: client.clientId,
    CMD_OAUTH2_PKCE: 'true',
    CMD_ALLOW_EMAIL_REGISTER: 'false',
  };
}

export function hedgedocSsoFiles(ctx: RenderContext, uid: number): RenderedFile[] {
  const client = ctx.members?.clients?.pad;
  return client ? [secretFile(HEDGEDOC_OAUTH2_SECRET_NAME, client.clientSecret, uid)] : [];
}
