import { Entity } from 'typeorm';
import { DateColumn, KeyColumn, TextColumn } from '../database/columns';

export const COMMAND_STATUSES = ['pending', 'done', 'failed', 'refused', 'expired'] as const;
export type CommandStatus = (typeof COMMAND_STATUSES)[number];

/** A command signed for one appliance, and what the appliance answered. */
@Entity('fleet_command')
export class FleetCommandEntity {
  @KeyColumn() id: string;
  @TextColumn() applianceId: string;
  @TextColumn() type: string;
  /** Record<string, string> as JSON. */
  @TextColumn() params: string;
  @DateColumn() issuedAt: Date;
  @DateColumn() expiresAt: Date;
  /** Ed25519 over canonicalCommand(), base64: handed out as is on every poll. */
  @TextColumn() signature: string;
  @TextColumn() status: CommandStatus;
  @TextColumn({ nullable: true }) detail: string | null;
  /** CommandAck.result as JSON. */
  @TextColumn({ nullable: true }) result: string | null;
  @DateColumn({ nullable: true }) ackedAt: Date | null;
}
