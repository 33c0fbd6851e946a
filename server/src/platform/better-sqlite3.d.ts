// The part of better-sqlite3's API this code uses (the package ships no types and @types is not a
// dependency here; TypeORM loads the driver itself). Only the platform layer and its tests use it.
declare module 'better-sqlite3' {
  interface Statement {
    run(...params: unknown[]): { changes: number };
    get(...params: unknown[]): unknown;
    all(...params: unknown[]): unknown[];
  }
  class Database {
    constructor(filename: string, options?: { readonly?: boolean; fileMustExist?: boolean });
    pragma(source: string, options?: { simple?: boolean }): unknown;
    prepare(sql: string): Statement;
    exec(sql: string): this;
    /** SQLite's online backup API into a database file; safe while other connections write. */
    backup(
      destination: string,
      options?: { progress?: (info: { totalPages: number; remainingPages: number }) => number | undefined },
    ): Promise<{ totalPages: number; remainingPages: number }>;
    close(): this;
  }
  export = Database;
}
