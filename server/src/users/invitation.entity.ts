import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('invitation')
export class InvitationEntity {
  @PrimaryColumn('text', { name: 'token_hash' })
  tokenHash: string;

  @Column('text')
  email: string;

  @Column('text', { name: 'invited_by' })
  invitedBy: string;

  @Column('datetime', { name: 'created_at' })
  createdAt: Date;

  @Column('datetime', { name: 'expires_at' })
  expiresAt: Date;

  @Column('datetime', { name: 'accepted_at', nullable: true })
  acceptedAt: Date | null;
}
