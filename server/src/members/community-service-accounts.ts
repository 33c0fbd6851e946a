import { Injectable } from '@nestjs/common';
import { OidcServiceAccounts } from '../oidc/oidc-service-accounts';
import { MatrixMembersService } from '../services/matrix-members.service';
import { MemberServiceAccounts, type MemberRef } from './member-service-accounts.port';

/**
 * A member's accounts in the appliance's services: first the OpenID provider's sessions and grants
 * (so no service signs them in again), then chat (Synapse's admin API). The provider's part never
 * waits on a service that may be down. HedgeDoc's and Nextcloud's sessions are not ended yet.
 */
@Injectable()
export class CommunityServiceAccounts extends MemberServiceAccounts {
  constructor(
    private readonly oidc: OidcServiceAccounts,
    private readonly matrix: MatrixMembersService,
  ) {
    super();
  }

  async suspended(member: MemberRef): Promise<void> {
    await this.oidc.suspended(member);
    await this.matrix.signOut(member);
  }

  /** Nothing to lift: suspension only logged the devices out, and the provider signs them in again. */
  async resumed(): Promise<void> {
    await this.oidc.resumed();
  }

  async removed(member: MemberRef): Promise<void> {
    await this.oidc.removed(member);
    await this.matrix.deactivate(member);
  }
}
