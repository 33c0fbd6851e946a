/** Single sign-on inputs for catalog specs (a .spec file so it never ships in the build). */
import type { ApplianceSettings, RenderContext } from './catalog.types';
import { testContext } from './catalog.fixtures.spec';
import { relyingPartyRedirectUris, type MembersRenderInput, type OidcClientSettings } from './oidc-client.settings';

export const ISSUER = 'https://example.org/oidc';

export function testClient(feature: 'chat' | 'pad' | 'files'): OidcClientSettings {
  return {
    issuer: ISSUER,
    clientId: `client-${feature}`,
    clientSecret: `client-secret-${feature}`,
    redirectUris: relyingPartyRedirectUris('example.org')[feature],
  };
}

export function membersContext(
  members: MembersRenderInput = {
    clients: { chat: testClient('chat'), pad: testClient('pad'), files: testClient('files') },
    autoJoinRooms: ['#general:example.org', '#annonces:example.org'],
    colour: '#c0392b',
  },
  overrides: Partial<ApplianceSettings> = {},
): RenderContext {
  return { ...testContext(overrides), members };
}
