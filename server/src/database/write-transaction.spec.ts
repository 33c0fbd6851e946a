import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DataSource } from 'typeorm';
import { insertOrRollBack, isUniqueViolation, RollBack, sqliteDatetime, writeOrRollBack } from './write-transaction';

describe('sqliteDatetime', () => {
  it('writes UTC with milliseconds, as TypeORM stores datetime columns', () => {
    assert.equal(sqliteDatetime(new Date('2026-11-29T23:05:07.042Z')), '2026-11-29 23:05:07.042');
  });

  it('orders as text the way the dates order in time', () => {
    const earlier = sqliteDatetime(new Date('2026-01-09T23:59:59.999Z'));
    const later = sqliteDatetime(new Date('2026-01-10T00:00:00.000Z'));
    assert.ok(earlier < later);
  });
});

describe('isUniqueViolation', () => {
  it('recognises only better-sqlite3 UNIQUE errors', () => {
    assert.equal(isUniqueViolation(Object.assign(new Error('x'), { code: 'SQLITE_CONSTRAINT_UNIQUE' })), true);
    assert.equal(isUniqueViolation(Object.assign(new Error('x'), { code: 'SQLITE_BUSY' })), false);
    assert.equal(isUniqueViolation(null), false);
  });
});

describe('writeOrRollBack', () => {
  /** A real SQLite connection where writeAtomically looks for TypeORM's. */
  function table() {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE "t" ("name" TEXT UNIQUE)');
    const dataSource = {
      options: { type: 'better-sqlite3' },
      driver: { databaseConnection: db },
    } as unknown as DataSource;
    const names = () =>
      (db.prepare('SELECT "name" FROM "t" ORDER BY "name"').all() as { name: string }[]).map((r) => r.name);
    return { db, dataSource, names };
  }

  it('keeps the work and answers its result', () => {
    const { dataSource, names } = table();
    const answer = writeOrRollBack(dataSource, (db) => {
      db.prepare('INSERT INTO "t" VALUES (?)').run('a');
      return 'done';
    });
    assert.equal(answer, 'done');
    assert.deepEqual(names(), ['a']);
  });

  it('undoes all of the work on a RollBack and answers its outcome', () => {
    const { dataSource, names } = table();
    const answer = writeOrRollBack(dataSource, (db): string => {
      db.prepare('INSERT INTO "t" VALUES (?)').run('a');
      throw new RollBack('refused');
    });
    assert.equal(answer, 'refused');
    assert.deepEqual(names(), []);
  });

  it('rolls back with the outcome on a UNIQUE violation, and throws other errors as they are', () => {
    const { dataSource, names, db } = table();
    db.prepare('INSERT INTO "t" VALUES (?)').run('taken');
    const answer = writeOrRollBack(dataSource, (tx): string => {
      tx.prepare('INSERT INTO "t" VALUES (?)').run('b');
      insertOrRollBack(() => tx.prepare('INSERT INTO "t" VALUES (?)').run('taken'), 'usernameTaken');
      return 'accepted';
    });
    assert.equal(answer, 'usernameTaken');
    assert.deepEqual(names(), ['taken']);
    assert.throws(
      () =>
        writeOrRollBack(dataSource, (tx) =>
          insertOrRollBack(() => tx.prepare('INSERT INTO "nope" VALUES (1)').run(), 'x'),
        ),
      /no such table/,
    );
  });
});
