import { CATALOG } from '../catalog/catalog';
import { matrixHost, publicHost } from '../catalog/naming';

/**
 * The provider's clients: first-party only, one per service that signs members in through the
 * manager. Nothing registers a client at run time (no dynamic registration), so the set is closed.
 */
export const OIDC_CLIENT_IDS = ['synapse', 'hedgedoc', 'nextcloud'] as const;
export type OidcClientId = (typeof OIDC_CLIENT_IDS)[number];

/** What a service's configuration needs to sign members in (rendered by the catalog). */
export interface OidcClientSettings {
  issuer: string;
  clientId: OidcClientId;
  clientSecret: string;
  redirectUris: string[];
}

export type Scheme = 'http' | 'https';

/** The issuer: the community's apex, which the proxy sends to the manager. */
export function issuerFor(scheme: Scheme, domain: string): string {
  return `${scheme}://${domain}/oidc`;
}

function host(domain: string, id: 'hedgedoc' | 'nextcloud'): string {
  const subdomain = CATALOG[id].subdomain;
  if (!subdomain) throw new Error(`${id} has no public host in the catalog`);
  return publicHost(domain, subdomain);
}

/** Where each service receives the authorization code, on the host the proxy serves it from. */
export function redirectUrisFor(id: OidcClientId, scheme: Scheme, domain: string): string[] {
  switch (id) {
    case 'synapse':
      return [`${scheme}://${matrixHost(domain)}/_synapse/client/oidc/callback`];
    case 'hedgedoc':
      return [`${scheme}://${host(domain, 'hedgedoc')}/auth/oauth2/callback`];
    case 'nextcloud':
      return [`${scheme}://${host(domain, 'nextcloud')}/apps/user_oidc/code`];
    default: {
      const unknown: never = id;
      throw new Error(`unknown OIDC client ${String(unknown)}`);
    }
  }
}

/** The secrets file's content with a secret for every client, keeping those already there. */
export function completeClientSecrets(
  existing: Partial<Record<OidcClientId, string>>,
  generate: () => string,
): Record<OidcClientId, string> {
  const complete = {} as Record<OidcClientId, string>;
  for (const id of OIDC_CLIENT_IDS) complete[id] = existing[id] || generate();
  return complete;
}

/** oidc-provider's client metadata: code flow only, secret in the header or the body. */
export function clientMetadata(id: OidcClientId, secret: string, scheme: Scheme, domain: string) {
  return {
    client_id: id,
    client_secret: secret,
    redirect_uris: redirectUrisFor(id, scheme, domain),
    grant_types: ['authorization_code'],
    response_types: ['code'],
    // Synapse and Nextcloud send the secret in the header; HedgeDoc's OAuth2 strategy in the body.
    token_endpoint_auth_method: id === 'hedgedoc' ? 'client_secret_post' : 'client_secret_basic',
    id_token_signed_response_alg: 'RS256',
  };
}
