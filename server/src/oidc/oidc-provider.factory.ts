import Provider from 'oidc-provider';
import type { OidcAccountsService } from './oidc-accounts.service';
import { adapterOn } from './oidc.adapter';
import type { OidcKeyring } from './oidc-keys';
import type { OidcPayloadRepository } from './oidc-payload.repository';
import type { clientMetadata } from './oidc-clients';

const HOUR = 3600;
const DAY = 24 * HOUR;

export interface ProviderParts {
  issuer: string;
  clients: Array<ReturnType<typeof clientMetadata>>;
  keyring: OidcKeyring;
  store: OidcPayloadRepository;
  accounts: OidcAccountsService;
  /** Lifetime of an authorization code, in seconds (OIDC_CODE_TTL_SEC; short in tests). */
  codeTtlSec: number;
}

/** The path of an interaction (sign-in) under the provider's mount point. */
export function interactionPath(uid: string): string {
  return `/oidc/interaction/${uid}`;
}

/**
 * The community's OpenID provider: authorization code flow with PKCE only, first-party clients,
 * RS256 ID tokens. Sign-in happens in the manager's own web app (oidc-interaction.ts).
 */
export function createProvider(parts: ProviderParts): Provider {
  const provider = new Provider(parts.issuer, {
    adapter: adapterOn(parts.store),
    clients: parts.clients,
    jwks: { keys: parts.keyring.signing.map((key) => key.jwk) },
    cookies: { keys: parts.keyring.cookieKeys },
    findAccount: (_ctx: unknown, sub: string) => parts.accounts.find(sub),
    scopes: ['openid', 'profile'],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
    // Synapse reads the member's name from the ID token: put the profile claims there too.
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => interactionPath(interaction.uid) },
    ttl: {
      AuthorizationCode: parts.codeTtlSec,
      AccessToken: HOUR,
      IdToken: HOUR,
      Interaction: HOUR,
      Session: 14 * DAY,
      Grant: 14 * DAY,
    },
  });
  // Behind the manager's express app, which decides what a forwarded header may say (oidc.http.ts).
  provider.proxy = true;
  return provider;
}
