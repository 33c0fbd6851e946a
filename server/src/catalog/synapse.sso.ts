import type { Json } from './canonical';
import type { RenderContext, RenderedFile } from './catalog.types';
import { publicHost } from './naming';
import { TOKEN_ENDPOINT_AUTH_METHOD, type OidcClientSettings } from './oidc-client.settings';
import { SECRETS_DIR, secretFile } from './secret-files';

/**
 * Synapse's `idp_id` for the community's provider. Synapse keys its user mappings on it (as
 * `oidc-community`): it must never change, so it is not derived from the community's name.
 */
export const SYNAPSE_IDP_ID = 'community';
const SECRET_NAME = 'oidc-client-secret';
/** Read through `client_secret_path` (Synapse 1.91.0 and later): the secret stays out of homeserver.yaml. */
export const SYNAPSE_OIDC_SECRET_PATH = `${SECRETS_DIR}/${SECRET_NAME}`;

/** A room alias on our own server: Synapse can only create (and make people join) local aliases. */
const LOCAL_ALIAS = /^#[a-z0-9._=/+-]+:(.+)$/;

/** `Général` → `general`: a Matrix-safe alias localpart for a room's display name. */
export function roomAliasLocalpart(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._=-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!slug) throw new RangeError(`no alias can be made from "${name}"`);
  return slug;
}

function autoJoinSettings(ctx: RenderContext): Record<string, Json> {
  const rooms = ctx.members?.autoJoinRooms ?? [];
  if (rooms.length === 0) return {};
  for (const alias of rooms) {
    const match = LOCAL_ALIAS.exec(alias);
    if (!match || match[1] !== ctx.settings.domain)
      throw new RangeError(`"${alias}" is not a room alias on our server`);
  }
  return {
    auto_join_rooms: [...rooms],
    // Rooms not created yet (by the wizard) are made on the first registration, by the admin rather
    // than by whoever registers first, and public so that joining needs no invitation.
    autocreate_auto_join_rooms: true,
    auto_join_mxid_localpart: ctx.settings.adminUsername,
    autocreate_auto_join_room_preset: 'public_chat',
    autocreate_auto_join_rooms_federated: ctx.settings.federation.mode !== 'closed',
  };
}

function provider(ctx: RenderContext, client: OidcClientSettings): Record<string, Json> {
  return {
    idp_id: SYNAPSE_IDP_ID,
    idp_name: ctx.settings.communityName,
    issuer: client.issuer,
    client_id: client.clientId,
    client_secret_path: SYNAPSE_OIDC_SECRET_PATH,
    client_auth_method: TOKEN_ENDPOINT_AUTH_METHOD,
    pkce_method: 'always',
    scopes: ['openid', 'profile'],
    // With `openid` in the scopes Synapse would read the ID token's claims only, where oidc-provider
    // (conformIdTokenClaims, its default) puts no profile claims: they come from the userinfo endpoint.
    user_profile_method: 'userinfo_endpoint',
    // authlib refuses a plain-http issuer during metadata checks; only a test setup has one.
    ...(client.issuer.startsWith('http://') ? { skip_verification: true } : {}),
    // An account that exists already (the wizard's admin, made with a password) is not taken over by
    // a member who signs in with the same name.
    allow_existing_users: false,
    user_mapping_provider: {
      config: {
        subject_template: '{{ user.sub }}',
        localpart_template: '{{ user.preferred_username }}',
        display_name_template: '{{ user.name }}',
      },
    },
  };
}

/**
 * homeserver.yaml keys for single sign-on and starting rooms; `{}` without members input, so the
 * config is then exactly what it was. Password login stays on for the admin (and the manager).
 */
export function synapseSsoSettings(ctx: RenderContext): Record<string, Json> {
  const client = ctx.members?.clients?.chat;
  const sso: Record<string, Json> = client
    ? {
        oidc_providers: [provider(ctx, client)],
        password_config: { enabled: true, localdb_enabled: true },
        sso: {
          // Element on chat.<domain> gets the login token without Synapse's "continue to your account" page.
          client_whitelist: [`https://${publicHost(ctx.settings.domain, 'chat')}/`],
          update_profile_information: true,
        },
      }
    : {};
  return { ...sso, ...autoJoinSettings(ctx) };
}

/** The client secret as a file, for `client_secret_path`; none without a chat client. */
export function synapseSsoFiles(ctx: RenderContext, uid: number): RenderedFile[] {
  const client = ctx.members?.clients?.chat;
  return client ? [secretFile(SECRET_NAME, client.clientSecret, uid)] : [];
}
