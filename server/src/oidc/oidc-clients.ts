import type { Feature } from '../catalog/catalog.types';
import {
  relyingPartyRedirectUris,
  TOKEN_ENDPOINT_AUTH_METHOD,
  type MembersRenderInput,
} from '../catalog/oidc-client.settings';

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

/** Which client each feature's service is. */
export const CLIENT_OF_FEATURE: Readonly<Record<Feature, OidcClientId>> = {
  chat: 'synapse',
  pad: 'hedgedoc',
  files: 'nextcloud',
};

function featureOf(id: OidcClientId): Feature {
  const feature = (Object.keys(CLIENT_OF_FEATURE) as Feature[]).find((f) => CLIENT_OF_FEATURE[f] === id);
  if (!feature) throw new Error(`unknown OIDC client ${String(id)}`);
  return feature;
}

/**
 * Where each service receives the authorization code: exactly what its rendered configuration sends
 * (the catalog's `relyingPartyRedirectUris`). Always https: every service's public base URL is https
 * (Synapse's `public_baseurl`, HedgeDoc's `CMD_PROTOCOL_USESSL`, Nextcloud's `overwriteprotocol`), also
 * with TLS off, where a front proxy terminates TLS and says so in X-Forwarded-Proto.
 */
export function redirectUrisFor(id: OidcClientId, domain: string): string[] {
  return [...relyingPartyRedirectUris(domain)[featureOf(id)]];
}

/** What the catalog renders for one client. */
export function clientSettings(id: OidcClientId, issuer: string, domain: string, secret: string): OidcClientSettings {
  return { issuer, clientId: id, clientSecret: secret, redirectUris: redirectUrisFor(id, domain) };
}

/**
 * The catalog's members input: one client per enabled feature (none for a disabled one, whose
 * service is not rendered), and the rooms every new Matrix account joins when chat is on. Undefined
 * without any feature, so nothing renders differently. Pure.
 */
export function membersRenderInput(input: {
  features: readonly Feature[];
  issuer: string;
  domain: string;
  secrets: Readonly<Record<OidcClientId, string>>;
  autoJoinRooms?: readonly string[];
  /** The community's colour and logo address: Element's theme and sign-in header. */
  colour?: string;
  logoUrl?: string;
}): MembersRenderInput | undefined {
  if (input.features.length === 0) return undefined;
  const clients: Partial<Record<Feature, OidcClientSettings>> = {};
  for (const feature of input.features) {
    const id = CLIENT_OF_FEATURE[feature];
    clients[feature] = clientSettings(id, input.issuer, input.domain, input.secrets[id]);
  }
  const rooms = input.features.includes('chat') ? (input.autoJoinRooms ?? []) : [];
  return {
    clients,
    ...(rooms.length > 0 ? { autoJoinRooms: [...rooms] } : {}),
    ...(input.colour ? { colour: input.colour } : {}),
    ...(input.logoUrl ? { logoUrl: input.logoUrl } : {}),
  };
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

/** oidc-provider's client metadata: code flow only, the secret sent the way the rendered configs send it. */
export function clientMetadata(id: OidcClientId, secret: string, domain: string) {
  return {
    client_id: id,
    client_secret: secret,
    redirect_uris: redirectUrisFor(id, domain),
    grant_types: ['authorization_code'],
    response_types: ['code'],
    // One method for all three (see TOKEN_ENDPOINT_AUTH_METHOD): HedgeDoc can only post the secret in
    // the body, user_oidc does when offered, and Synapse is rendered with the same `client_auth_method`.
    token_endpoint_auth_method: TOKEN_ENDPOINT_AUTH_METHOD,
    id_token_signed_response_alg: 'RS256',
  };
}
