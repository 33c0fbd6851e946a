import { SYNAPSE_IDP_ID } from '../catalog/synapse.sso';

/** Synapse's id of the community's provider: `oidc-` + `idp_id` (how Synapse names OIDC providers). */
export const SYNAPSE_AUTH_PROVIDER = `oidc-${SYNAPSE_IDP_ID}`;

/** The admin API paths the manager uses for a member's Matrix account. Pure. */
export function matrixMemberPaths(sub: string, userId?: string) {
  const user = userId ? encodeURIComponent(userId) : '';
  return {
    /** Which Matrix account the provider's subject signed in as (404: never signed in to chat). */
    bySubject: `/_synapse/admin/v1/auth_providers/${SYNAPSE_AUTH_PROVIDER}/users/${encodeURIComponent(sub)}`,
    devices: `/_synapse/admin/v2/users/${user}/devices`,
    deleteDevices: `/_synapse/admin/v2/users/${user}/delete_devices`,
    deactivate: `/_synapse/admin/v1/deactivate/${user}`,
  };
}
