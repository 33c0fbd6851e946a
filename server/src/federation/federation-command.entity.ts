import { Entity } from 'typeorm';
import { DateColumn, KeyColumn, TextColumn } from '../database/columns';
import type { CommandOutcome } from '../fleet-link/link.types';

/** A command id already taken from the upstream: never run twice, acked once. */
@Entity('federation_command')
export class FederationCommandEntity {
  @KeyColumn() id: string;
  @TextColumn() type: string;
  @DateColumn() receivedAt: Date;
  /** Null while its job runs (acked when the job ends). */
  @TextColumn({ nullable: true }) outcome: CommandOutcome | null;
  @TextColumn({ nullable: true }) detail: string | null;
  @TextColumn({ nullable: true }) jobId: string | null;
  @DateColumn({ nullable: true }) ackedAt: Date | null;
}
