import { Injectable } from '@nestjs/common';

/** Who the services know: `id` is the OpenID subject, `username` the `preferred_username` (Matrix localpart). */
export interface MemberRef {
  id: string;
  username: string;
}

/**
 * A member's accounts in the community's services (chat, pad, files), beyond the manager's own
 * sessions, which members.service.ts ends itself. Called after the manager's change is committed.
 * In appliance mode: CommunityServiceAccounts (the provider's sessions, then the Matrix account, the
 * HedgeDoc sessions and the Nextcloud account).
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
