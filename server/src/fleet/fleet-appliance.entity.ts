import { Entity } from 'typeorm';
import { DateColumn, IntegerColumn, KeyColumn, TextColumn } from '../database/columns';

export const APPLIANCE_STATUSES = ['active', 'revoked', 'left'] as const;
export type ApplianceStatus = (typeof APPLIANCE_STATUSES)[number];

/** A community's appliance enrolled on this upstream, with what its latest heartbeat said. */
@Entity('fleet_appliance')
export class FleetApplianceEntity {
  @KeyColumn() id: string;
  @TextColumn() name: string;
  /** Ed25519, SPKI DER in base64: checks every request the appliance signs. */
  @TextColumn() publicKey: string;
  @TextColumn() fingerprint: string;
  @TextColumn() status: ApplianceStatus;
  @DateColumn() enrolledAt: Date;
  @DateColumn({ nullable: true }) lastSeenAt: Date | null;
  @TextColumn() version: string;
  /** HeartbeatService[] as JSON. */
  @TextColumn() services: string;
  @IntegerColumn({ nullable: true }) diskFreeBytes: number | null;
  @DateColumn({ nullable: true }) lastBackupAt: Date | null;
}
