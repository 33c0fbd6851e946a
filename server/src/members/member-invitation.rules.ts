import type { FieldError } from '../common/api-error';
import type { InvitationKind } from './member-invitation.entity';

/** What a link is worth now; the accept page shows one message per state. */
export const INVITATION_STATES = ['valid', 'spent', 'expired'] as const;
export type InvitationState = (typeof INVITATION_STATES)[number];

export const MAX_SHARED_USES = 500;
/** A month: a shared link posted somewhere should not live for ever. */
export const MAX_EXPIRY_HOURS = 30 * 24;

export interface InvitationUse {
  maxUses: number;
  uses: number;
  expiresAt: Date;
}

/**
 * Expiry wins over spent: a link both used up and past its date says "expired", which is what the
 * person can act on (ask for a new one). This is for the page's message only: the accept itself is
 * decided by the conditional UPDATE (member-invitation.repository.ts), which checks the same two things.
 */
export function invitationState(invitation: InvitationUse, now: Date): InvitationState {
  if (invitation.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (invitation.uses >= invitation.maxUses) return 'spent';
  return 'valid';
}

export interface InvitationRequest {
  kind: InvitationKind;
  expiresInHours: number;
  maxUses?: number;
}

export type InvitationPlan = { ok: true; maxUses: number; expiresAt: Date } | { ok: false; errors: FieldError[] };

/** A single-use link has one use (maxUses may be left out or be 1); a shared one says how many. */
export function planInvitation(request: InvitationRequest, now: Date): InvitationPlan {
  const expiresAt = new Date(now.getTime() + request.expiresInHours * 3_600_000);
  if (request.kind === 'single') {
    if (request.maxUses !== undefined && request.maxUses !== 1) {
      return {
        ok: false,
        errors: [
          { field: 'maxUses', code: 'singleUse', message: 'maxUses must be 1 (or left out) for a single-use link' },
        ],
      };
    }
    return { ok: true, maxUses: 1, expiresAt };
  }
  if (request.maxUses === undefined) {
    return {
      ok: false,
      errors: [{ field: 'maxUses', code: 'required', message: 'maxUses is required for a shared link' }],
    };
  }
  return { ok: true, maxUses: request.maxUses, expiresAt };
}
