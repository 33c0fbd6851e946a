import { Entity } from 'typeorm';
import { DateColumn, TextColumn } from '../database/columns';
import { HashedTokenColumns } from '../database/hashed-token.columns';

@Entity('invitation')
export class InvitationEntity extends HashedTokenColumns {
  @TextColumn() email: string;
  @TextColumn() invitedBy: string;
  @DateColumn({ nullable: true }) acceptedAt: Date | null;
}
