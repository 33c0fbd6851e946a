import { DateColumn, KeyColumn } from './columns';

/**
 * A secret handed to a person (a session, an invitation), stored only as its SHA-256 so that a leaked
 * database opens nothing, with its lifetime. Each table keeps these columns as its own.
 */
export abstract class HashedTokenColumns {
  @KeyColumn() tokenHash: string;
  @DateColumn() createdAt: Date;
  @DateColumn() expiresAt: Date;
}
