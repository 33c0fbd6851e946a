import { Entity } from 'typeorm';
import { DateColumn, KeyColumn, TextColumn } from '../database/columns';

/**
 * The password of an appliance's off-site repository endpoint (fleet/offsite.http.ts), stored only as
 * its SHA-256: a leaked database opens no repository (and the repository itself stays encrypted with
 * keys this upstream never receives).
 */
@Entity('fleet_offsite_credential')
export class OffsiteCredentialEntity {
  @KeyColumn() applianceId: string;
  @TextColumn() secretHash: string;
  @DateColumn() issuedAt: Date;
}
