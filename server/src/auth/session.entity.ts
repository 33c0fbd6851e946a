import { Entity } from 'typeorm';
import { DateColumn, KeyColumn, TextColumn } from '../database/columns';

/** Only a hash of the session token is stored, so a leaked database opens no session. */
@Entity('session')
export class SessionEntity {
  @KeyColumn() tokenHash: string;
  @TextColumn() userId: string;
  @TextColumn() csrfToken: string;
  @DateColumn() createdAt: Date;
  @DateColumn() expiresAt: Date;
}
