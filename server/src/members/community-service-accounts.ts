import { Injectable } from '@nestjs/common';
import { OidcServiceAccounts } from '../oidc/oidc-service-accounts';
import { MatrixMembersService } from '../services/matrix-members.service';
import { PadFilesMembersService } from '../services/pad-files-members.service';
import { MemberServiceAccounts, type MemberRef } from './member-service-accounts.port';

/**
 * A member's accounts in the appliance's services: first the OpenID provider's sessions and grants
 * (so no service signs them in again), then chat (Synapse's admin API), pad and files (HedgeDoc's
 * sessions, Nextcloud's account and tokens). The provider's part never waits on a service that may be
 * down; each service is tried even when another failed, and the failures are reported together.
 */
@Injectable()
export class CommunityServiceAccounts extends MemberServiceAccounts {
  constructor(
    private readonly oidc: OidcServiceAccounts,
    private readonly matrix: MatrixMembersService,
    private readonly padFiles: PadFilesMembersService,
  ) {
    super();
  }

  async suspended(member: MemberRef): Promise<void> {
    await this.oidc.suspended(member);
    await inEach([() => this.matrix.signOut(member), () => this.padFiles.follow('suspended', member)]);
  }

  /** Chat has nothing to lift (suspension only logged the devices out); files enables the account again. */
  async resumed(member: MemberRef): Promise<void> {
    await this.oidc.resumed();
    await this.padFiles.follow('resumed', member);
  }

  async removed(member: MemberRef): Promise<void> {
    await this.oidc.removed(member);
    await inEach([() => this.matrix.deactivate(member), () => this.padFiles.follow('removed', member)]);
  }
}

/** Runs every part, whatever the others gave; throws their failures together. */
async function inEach(parts: ReadonlyArray<() => Promise<void>>): Promise<void> {
  const failures: string[] = [];
  for (const part of parts) {
    try {
      await part();
    } catch (err) {
      failures.push(err instanceof Error ? err.message : String(err));
    }
  }
  if (failures.length > 0) throw new Error(failures.join('; '));
}
