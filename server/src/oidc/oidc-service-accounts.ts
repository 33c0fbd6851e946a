import { Injectable } from '@nestjs/common';
import { MemberServiceAccounts, type MemberRef } from '../members/member-service-accounts.port';
import { OidcPayloadRepository } from './oidc-payload.repository';

/**
 * The OpenID provider's part of a member's sign-out: a suspended or removed member's provider
 * sessions and grants (and the codes and tokens issued under them) are deleted, so no service can
 * sign them in again without a fresh sign-in, which the manager refuses. The services' own sessions
 * (Synapse's devices, pad and files) are ended by their own slice.
 */
@Injectable()
export class OidcServiceAccounts extends MemberServiceAccounts {
  constructor(private readonly store: OidcPayloadRepository) {
    super();
  }

  suspended(member: MemberRef): Promise<void> {
    this.store.deleteForAccount(member.id);
    return Promise.resolve();
  }

  async resumed(): Promise<void> {}

  removed(member: MemberRef): Promise<void> {
    this.store.deleteForAccount(member.id);
    return Promise.resolve();
  }
}
