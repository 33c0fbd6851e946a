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
  const db = sqliteHandle(dataSource);
  return db.transaction(() => work(db)).immediate();
}

/** The driver's one better-sqlite3 connection, shared by TypeORM and the synchronous writes. */
export function sqliteHandle(dataSource: DataSource): SqliteHandle {
  // Only an upstream runs on Postgres (config/database-url.ts); its repositories use portable-sql.ts.
  if (dataSource.options.type !== 'better-sqlite3') {
    throw new Error(`This write needs SQLite and the database is ${dataSource.options.type}`);
  }
  return (dataSource.driver as unknown as { databaseConnection: SqliteHandle }).databaseConnection;
}

/** Thrown inside writeOrRollBack's work: nothing of the transaction stays, and `outcome` is the answer. */
export class RollBack<T> extends Error {
  constructor(readonly outcome: T) {
    super('write rolled back');
  }
}

/** writeAtomically, where `work` may end with a RollBack: all of it is undone and its outcome answered. */
export function writeOrRollBack<T>(dataSource: DataSource, work: (db: SqliteHandle) => T): T {
  try {
    return writeAtomically(dataSource, work);
  } catch (error) {
    if (error instanceof RollBack) return error.outcome as T;
    throw error;
  }
}

/**
 * Runs `insert` inside writeOrRollBack's work; a UNIQUE violation (a username taken by a concurrent
 * request, say) rolls the whole transaction back with `outcome`. Other errors are thrown as they are.
 */
export function insertOrRollBack<T>(insert: () => unknown, outcome: T): void {
  try {
    insert();
  } catch (error) {
    throw isUniqueViolation(error) ? new RollBack(outcome) : error;
  }
}

/** A date as TypeORM stores a `datetime` column in SQLite (UTC, milliseconds), so SQL can compare them. */
export function sqliteDatetime(date: Date): string {
  return date.toISOString().slice(0, 23).replace('T', ' ');
}

/** better-sqlite3's error for a UNIQUE constraint (e.g. a username taken by a concurrent request). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}
