import { Entity } from 'typeorm';
import { DateColumn, KeyColumn, TextColumn } from '../database/columns';

@Entity('invitation')
export class InvitationEntity {
  @KeyColumn() tokenHash: string;
  @TextColumn() email: string;
  @TextColumn() invitedBy: string;
  @DateColumn() createdAt: Date;
  @DateColumn() expiresAt: Date;
  @DateColumn({ nullable: true }) acceptedAt: Date | null;
}
