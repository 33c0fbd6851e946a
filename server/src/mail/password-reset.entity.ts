import { Entity } from 'typeorm';
import { DateColumn, TextColumn } from '../database/columns';
import { HashedTokenColumns } from '../database/hashed-token.columns';

/** A password-reset link sent by mail: single use (usedAt), short-lived, only its hash stored. */
@Entity('password_reset')
export class PasswordResetEntity extends HashedTokenColumns {
  @TextColumn() userId: string;
  @DateColumn({ nullable: true }) usedAt: Date | null;
}
