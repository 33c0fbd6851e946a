import { Entity } from 'typeorm';
import { DateColumn, KeyColumn, TextColumn } from '../database/columns';

/**
 * An enrollment token minted for one community: single use, short-lived, only its SHA-256 stored (the
 * token itself appears once, in the answer that mints it). usedAt and applianceId are set by the one
 * conditional UPDATE that spends it (fleet.repository.ts).
 */
@Entity('fleet_enrollment_token')
export class EnrollmentTokenEntity {
  @KeyColumn() id: string;
  @TextColumn() community: string;
  @TextColumn({ unique: true }) tokenHash: string;
  @DateColumn() createdAt: Date;
  @DateColumn() expiresAt: Date;
  @DateColumn({ nullable: true }) usedAt: Date | null;
  @DateColumn({ nullable: true }) revokedAt: Date | null;
  @TextColumn({ nullable: true }) applianceId: string | null;
}
