import type { Feature } from './catalog.types';
import { matrixHost, publicHost } from './naming';

/**
 * One relying party as registered with the community's OpenID provider (the manager, issuer
 * `<scheme>://<domain>/oidc`). Handed to each feature by the provider's side; the catalog only renders it.
 */
export interface OidcClientSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

/**
 * What single sign-on adds to the rendering. Every part is optional: absent, a service renders exactly
 * as without members (local accounts only).
 */
export interface MembersRenderInput {
  /** One client per feature: chat → Synapse, pad → HedgeDoc, files → Nextcloud. */
  clients?: Partial<Record<Feature, OidcClientSettings>>;
  /** Matrix room aliases (`#general:<domain>`) every new account joins (Synapse `auto_join_rooms`). */
  autoJoinRooms?: readonly string[];
  /** The community's colour, `#rrggbb`: Element's theme. */
  colour?: string;
  /** Absolute URL of the community's logo: Element's sign-in header. */
  logoUrl?: string;
}

/**
 * The redirect URIs each relying party sends, for the provider's client registrations. Nextcloud's
 * depends on whether its front controller is hidden (pretty URLs), so both forms are listed.
 */
export function relyingPartyRedirectUris(domain: string): Record<Feature, string[]> {
  return {
    chat: [`https://${matrixHost(domain)}/_synapse/client/oidc/callback`],
    pad: [`https://${publicHost(domain, 'pad')}/auth/oauth2/callback`],
    files: [
      `https://${publicHost(domain, 'files')}/apps/user_oidc/code`,
      `https://${publicHost(domain, 'files')}/index.php/apps/user_oidc/code`,
    ],
  };
}

/**
 * How each relying party authenticates at the token endpoint: HedgeDoc 1.x (passport-oauth2) always
 * posts the secret in the body, and user_oidc prefers `client_secret_post` when the provider offers
 * it; Synapse is configured to do the same, so every client registers with this one method.
 */
export const TOKEN_ENDPOINT_AUTH_METHOD = 'client_secret_post';

/** The provider's endpoints under the issuer: oidc-provider's default routes (`/auth`, `/token`, `/me`). */
export function providerEndpoints(issuer: string): { authorization: string; token: string; userinfo: string } {
  const base = issuer.replace(/\/+$/, '');
  return { authorization: `${base}/auth`, token: `${base}/token`, userinfo: `${base}/me` };
}

/** OpenID discovery document URL of an issuer (OpenID Connect Discovery 1.0, §4). */
export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}
