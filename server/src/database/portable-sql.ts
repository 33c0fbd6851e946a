import { DataSource, QueryRunner } from 'typeorm';
import { RollBack, SqliteStatement, sqliteDatetime, sqliteHandle, writeOrRollBack } from './write-transaction';

/**
 * Raw SQL that runs on both databases, for the repositories an upstream uses (fleet/, users/). On SQLite
 * it keeps the fast path: statements prepared once and a synchronous BEGIN IMMEDIATE transaction
 * (write-transaction.ts says why); on Postgres the same statements run as parameterised queries in a
 * transaction of one pooled connection. A unit of work is a generator that yields each statement, so
 * one text serves both: SQLite steps it synchronously, Postgres awaits each step.
 *
 * Write `?` placeholders (never a `?` inside a literal) and pass Dates as Dates.
 */
export interface Statement {
  sql: string;
  params: unknown[];
  kind: 'run' | 'get';
}

export type Step<T> = Generator<Statement, T, unknown>;

/** What a unit of work yields to: `const changed = yield* sql.run(...)`. */
export const sql = {
  /** The number of rows changed. */
  *run(text: string, ...params: unknown[]): Step<number> {
    return (yield { sql: text, params, kind: 'run' }) as number;
  },
  /** The first row, or undefined. */
  *get<Row>(text: string, ...params: unknown[]): Step<Row | undefined> {
    return (yield { sql: text, params, kind: 'get' }) as Row | undefined;
  },
};

export function isPostgres(dataSource: DataSource): boolean {
  return dataSource.options.type === 'postgres';
}

/**
 * Runs `work` as one write transaction; an exception rolls all of it back, and a RollBack thrown by
 * `work` is answered with its outcome. A failed statement is thrown into `work`, which may catch it.
 */
export async function transact<T>(dataSource: DataSource, work: () => Step<T>): Promise<T> {
  if (!isPostgres(dataSource)) {
    return writeOrRollBack(dataSource, () => stepSync(work(), (s) => sqliteStep(dataSource, s)));
  }
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    try {
      const result = await stepAsync(work(), (s) => postgresStep(runner, s));
      await runner.commitTransaction();
      return result;
    } catch (error) {
      await runner.rollbackTransaction();
      if (error instanceof RollBack) return error.outcome as T;
      throw error;
    }
  } finally {
    await runner.release();
  }
}

/** One statement outside any transaction (a read, a lone write). */
export async function once<T>(dataSource: DataSource, step: Step<T>): Promise<T> {
  if (!isPostgres(dataSource)) return stepSync(step, (s) => sqliteStep(dataSource, s));
  const runner = dataSource.createQueryRunner();
  try {
    return await stepAsync(step, (s) => postgresStep(runner, s));
  } finally {
    await runner.release();
  }
}

/** A date read back with raw SQL: Postgres gives a Date, SQLite the text sqliteDatetime() wrote. */
export function readDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(`${value.replace(' ', 'T')}Z`);
}

/** A UNIQUE or PRIMARY KEY violation, from either driver. */
export function isDuplicate(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

function stepSync<T>(step: Step<T>, execute: (s: Statement) => unknown): T {
  let next = step.next();
  while (!next.done) {
    let result: unknown;
    try {
      result = execute(next.value);
    } catch (error) {
      next = step.throw(error);
      continue;
    }
    next = step.next(result);
  }
  return next.value;
}

async function stepAsync<T>(step: Step<T>, execute: (s: Statement) => Promise<unknown>): Promise<T> {
  let next = step.next();
  while (!next.done) {
    let result: unknown;
    try {
      result = await execute(next.value);
    } catch (error) {
      next = step.throw(error);
      continue;
    }
    next = step.next(result);
  }
  return next.value;
}

/** Statements prepared once per SQL text and database (better-sqlite3's prepare costs more than the query). */
const prepared = new WeakMap<DataSource, Map<string, SqliteStatement>>();

function sqliteStep(dataSource: DataSource, statement: Statement): unknown {
  let cache = prepared.get(dataSource);
  if (!cache) prepared.set(dataSource, (cache = new Map<string, SqliteStatement>()));
  let compiled = cache.get(statement.sql);
  if (!compiled) cache.set(statement.sql, (compiled = sqliteHandle(dataSource).prepare(statement.sql)));
  const params = statement.params.map((p) => (p instanceof Date ? sqliteDatetime(p) : p));
  return statement.kind === 'run' ? compiled.run(...params).changes : compiled.get(...params);
}

async function postgresStep(on: QueryRunner, statement: Statement): Promise<unknown> {
  let n = 0;
  const text = statement.sql.replace(/\?/g, () => `$${++n}`);
  const result = (await on.query(text, statement.params, true)) as { records: unknown[]; affected?: number };
  return statement.kind === 'run' ? (result.affected ?? 0) : result.records[0];
}
