import { Entity } from 'typeorm';
import { BooleanColumn, DateColumn, KeyColumn, TextColumn } from '../database/columns';

/**
 * The link to a mutualised host: a single row, absent when not enrolled. A table rather than a JSON
 * file: it is copied with the database by the backups and sits beside the handled commands; the
 * appliance's private key is not a column (a 0600 file, LinkKeysRepository).
 */
@Entity('federation_link')
export class FederationLinkEntity {
  @KeyColumn('integer') id: number;
  @TextColumn() upstreamUrl: string;
  @TextColumn() upstreamName: string;
  /** The pinned upstream key: Ed25519 SPKI DER in base64. */
  @TextColumn() upstreamKey: string;
  @TextColumn() upstreamFingerprint: string;
  @TextColumn() applianceId: string;
  @DateColumn() enrolledAt: Date;
  @DateColumn({ nullable: true }) lastContactAt: Date | null;
  /** A message key (link.error.*), never the upstream's own words. */
  @TextColumn({ nullable: true }) lastError: string | null;
  /** When the upstream first answered 403 (revoked or left): the loop then backs off for long. */
  @DateColumn({ nullable: true }) revokedAt: Date | null;
  /** Until the host's off-site place is made: tried at join, then after each heartbeat. */
  @BooleanColumn({ default: true }) offsitePending: boolean;
  /**
   * When the local admin agreed. Null while a link made on first boot from a pre-provisioned
   * enrollment file awaits them: nothing is sent to the host until then.
   */
  @DateColumn({ nullable: true }) confirmedAt: Date | null;
}
