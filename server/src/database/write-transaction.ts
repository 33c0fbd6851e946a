import { DataSource } from 'typeorm';

/** The few better-sqlite3 calls an atomic write needs (the package ships no types here). */
export interface SqliteStatement {
  run(...params: unknown[]): { changes: number };
  get(...params: unknown[]): unknown;
}

export interface SqliteHandle {
  prepare(sql: string): SqliteStatement;
  transaction<T>(work: () => T): { immediate(): T };
}

/**
 * Runs `work` as one SQLite write transaction (BEGIN IMMEDIATE), synchronously, on the driver's
 * connection. TypeORM shares that one connection between all requests, so its async transactions
 * interleave with other requests' queries (a concurrent second one becomes a savepoint inside the
 * first). A synchronous transaction cannot interleave within this process, and SQLite's write lock
 * orders it against other processes (the CLI). Throwing from `work` rolls the whole of it back.
 */
export function writeAtomically<T>(dataSource: DataSource, work: (db: SqliteHandle) => T): T {
  const db = (dataSource.driver as unknown as { databaseConnection: SqliteHandle }).databaseConnection;
  return db.transaction(() => work(db)).immediate();
}

/** A date as TypeORM stores a `datetime` column in SQLite (UTC, milliseconds), so SQL can compare them. */
export function sqliteDatetime(date: Date): string {
  return date.toISOString().slice(0, 23).replace('T', ' ');
}

/** better-sqlite3's error for a UNIQUE constraint (e.g. a username taken by a concurrent request). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}
