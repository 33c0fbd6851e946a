import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Only a hash of the session token is stored, so a leaked database opens no session. */
@Entity('session')
export class SessionEntity {
  @PrimaryColumn('text', { name: 'token_hash' })
  tokenHash: string;

  @Column('text', { name: 'user_id' })
  userId: string;

  @Column('text', { name: 'csrf_token' })
  csrfToken: string;

  @Column('datetime', { name: 'created_at' })
  createdAt: Date;

  @Column('datetime', { name: 'expires_at' })
  expiresAt: Date;
}
