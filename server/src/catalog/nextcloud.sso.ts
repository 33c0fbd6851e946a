import type { RenderContext, RenderedFile } from './catalog.types';
import { discoveryUrl } from './oidc-client.settings';
import { SECRETS_DIR, secretFile } from './secret-files';

/** Run as this user in the container (`occ` refuses to run as anyone but the owner of config.php). */
export const NEXTCLOUD_OCC_USER = 'www-data';
const OCC = ['php', '/var/www/html/occ', '--no-interaction'];
/**
 * user_oidc's provider identifier. Fixed: user_oidc ties accounts to its provider, so renaming the
 * community must not make a second provider. The button's text comes from `login_label` instead.
 */
export const NEXTCLOUD_OIDC_PROVIDER = 'community';
const SECRET_NAME = 'oidc-client-secret';
const SECRET_PATH = `${SECRETS_DIR}/${SECRET_NAME}`;

/**
 * The `occ` calls (argv, no shell) that make Nextcloud a client of the community's provider, in order;
 * each is idempotent (`app:enable` downloads user_oidc from the app store once, `user_oidc:provider`
 * creates or updates). Empty without a files client. Flags as in user_oidc's README and
 * `occ user_oidc:provider --help`; `--clientsecret-file` needs user_oidc 8.4.0 or later (the app store's
 * release for Nextcloud 32), and keeps the secret out of the process list.
 */
export function nextcloudSsoCommands(ctx: RenderContext): string[][] {
  const client = ctx.members?.clients?.files;
  if (!client) return [];
  return [
    [...OCC, 'app:enable', 'user_oidc'],
    // The provider is reached through the proxy on the appliance's private network, which Nextcloud's
    // HTTP client refuses by default.
    [...OCC, 'config:system:set', 'allow_local_remote_servers', '--value=true', '--type=boolean'],
    [
      ...OCC,
      'user_oidc:provider',
      NEXTCLOUD_OIDC_PROVIDER,
      `--clientid=${client.clientId}`,
      `--clientsecret-file=${SECRET_PATH}`,
      `--discoveryuri=${discoveryUrl(client.issuer)}`,
      '--scope=openid email profile',
      // Plain user ids (a member's username), not a hash of provider and subject: the same name
      // everywhere, and files keep their owner if the provider is ever set up again.
      '--unique-uid=0',
      '--mapping-uid=preferred_username',
      '--mapping-display-name=name',
      '--mapping-email=email',
      // Members sign in through the browser only; no bearer tokens from the provider on the APIs.
      '--check-bearer=0',
      '--send-id-token-hint=1',
    ],
    // user_oidc maps claims from the ID token, where oidc-provider (conformIdTokenClaims, its default)
    // puts no profile claims: it must add those of the userinfo endpoint.
    [...OCC, 'config:system:set', 'user_oidc', 'enrich_login_id_token_with_userinfo', '--value=true', '--type=boolean'],
    [...OCC, 'config:system:set', 'user_oidc', 'login_label', `--value=${ctx.settings.communityName}`],
  ];
}

/** The client secret read once by `--clientsecret-file` (user_oidc then keeps it encrypted). */
export function nextcloudSsoFiles(ctx: RenderContext, uid: number): RenderedFile[] {
  const client = ctx.members?.clients?.files;
  return client ? [secretFile(SECRET_NAME, client.clientSecret, uid)] : [];
}
