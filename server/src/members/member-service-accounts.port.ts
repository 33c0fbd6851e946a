import { Injectable } from '@nestjs/common';

/** Who the services know: the username is the Matrix localpart and, later, the OpenID subject. */
export interface MemberRef {
  id: string;
  username: string;
}

/**
 * A member's accounts in the community's services (chat, pad, files), beyond the manager's own
 * sessions, which members.service.ts ends itself. Called after the manager's change is committed.
 *
 * TODO(issue 11, OIDC slice): implement with Synapse's admin API (deactivate the Matrix account on
 * removal, log out its devices on suspension) and end the member's HedgeDoc and Nextcloud sessions.
 */
export abstract class MemberServiceAccounts {
  /** Suspended: signed out of every service; the accounts stay for a resume. */
  abstract suspended(member: MemberRef): Promise<void>;
  /** Resumed: nothing to sign in again; a service may lift a lock it set on suspension. */
  abstract resumed(member: MemberRef): Promise<void>;
  /** Removed: deactivated in chat and signed out of every service for good. */
  abstract removed(member: MemberRef): Promise<void>;
}

/** Until the services sign members in through the manager (OIDC), members have no accounts there. */
@Injectable()
export class NoServiceAccounts extends MemberServiceAccounts {
  async suspended(): Promise<void> {}
  async resumed(): Promise<void> {}
  async removed(): Promise<void> {}
}
