import { Entity } from 'typeorm';
import { DateColumn, KeyColumn, TextColumn } from '../database/columns';

/**
 * What oidc-provider stores (sessions, interactions, grants, codes, access tokens), one row per
 * model and id, as its JSON payload. The extracted columns are what the adapter looks rows up by:
 * a grant's tokens (revocation), a session's uid, an account's sessions and grants (sign-out).
 */
@Entity('oidc_payload')
export class OidcPayloadEntity {
  @KeyColumn() model: string;
  @KeyColumn() id: string;
  @TextColumn() payload: string;
  @TextColumn({ nullable: true }) grantId: string | null;
  @TextColumn({ nullable: true }) uid: string | null;
  @TextColumn({ nullable: true }) userCode: string | null;
  @TextColumn({ nullable: true }) accountId: string | null;
  /** Null: kept until destroyed (oidc-provider gives every model a lifetime, but be safe). */
  @DateColumn({ nullable: true }) expiresAt: Date | null;
  /** Set once, by a conditional UPDATE: a code is consumed by one request only. */
  @DateColumn({ nullable: true }) consumedAt: Date | null;
}
