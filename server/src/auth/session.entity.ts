import { Entity } from 'typeorm';
import { TextColumn } from '../database/columns';
import { HashedTokenColumns } from '../database/hashed-token.columns';

/** A signed-in browser: the cookie holds the token, the table only its hash. */
@Entity('session')
export class SessionEntity extends HashedTokenColumns {
  @TextColumn() userId: string;
  @TextColumn() csrfToken: string;
}
