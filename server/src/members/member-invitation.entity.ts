import { Entity } from 'typeorm';
import { IntegerColumn, TextColumn } from '../database/columns';
import { HashedTokenColumns } from '../database/hashed-token.columns';

/** A link for one person, or a link shared with a group (a mailing list, a poster) for a few uses. */
export const INVITATION_KINDS = ['single', 'shared'] as const;
export type InvitationKind = (typeof INVITATION_KINDS)[number];

/**
 * A member invitation. Not the admins' `invitation` table: an admin link grants the keys of the
 * appliance and is meant for one named person, while a member link may be posted for many people;
 * keeping them apart means no bug in the member path (uses, kinds) can ever mint an admin, and the
 * admins' invitation flow stays exactly as it was. Only the token's hash is stored.
 */
@Entity('member_invitation')
export class MemberInvitationEntity extends HashedTokenColumns {
  @TextColumn() kind: InvitationKind;
  @IntegerColumn() maxUses: number;
  @IntegerColumn() uses: number;
  /** The admin who made the link; the link goes when that admin is removed. */
  @TextColumn() createdBy: string;
}
