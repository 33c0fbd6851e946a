import { Entity } from 'typeorm';
import { DateColumn, KeyColumn } from '../database/columns';

/**
 * A nonce seen on a signed request, kept until its request would be refused for skew anyway. In the
 * database, not in memory: several upstream processes share it, and the primary key refuses a replay
 * whichever process sees it.
 */
@Entity('fleet_link_nonce')
export class LinkNonceEntity {
  /** The appliance's id, or `key:<fingerprint>` for an enrollment (no id yet). */
  @KeyColumn() signer: string;
  @KeyColumn() nonce: string;
  @DateColumn() expiresAt: Date;
}
