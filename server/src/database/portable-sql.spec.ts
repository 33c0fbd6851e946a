import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { isDuplicate, once, readDate, sql, type Step, transact } from './portable-sql';
import { RollBack } from './write-transaction';

/** The SQLite side of portable-sql (test/integration/upstream-postgres.test.ts runs the Postgres side). */
describe('portable SQL on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-portable-sql-'));
  const source = new DataSource({ type: 'better-sqlite3', database: join(dir, 'db.sqlite') });
  const at = new Date('2026-12-01T03:04:05.678Z');

  before(async () => {
    await source.initialize();
    await source.query(`CREATE TABLE "t" ("k" text PRIMARY KEY NOT NULL, "at" datetime)`);
  });
  after(async () => {
    await source.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the steps of a unit of work in one transaction, a Date stored as TypeORM stores it', async () => {
    const answer = await transact(source, function* (): Step<[number, unknown]> {
      const inserted = yield* sql.run(`INSERT INTO "t" ("k", "at") VALUES (?, ?)`, 'a', at);
      const row = yield* sql.get<{ at: string }>(`SELECT "at" FROM "t" WHERE "k" = ?`, 'a');
      return [inserted, row?.at];
    });
    assert.deepEqual(answer, [1, '2026-12-01 03:04:05.678']);
    assert.equal(readDate(answer[1] as string).getTime(), at.getTime());
    assert.equal(readDate(at), at);
  });

  it('undoes everything on a RollBack, answering its outcome; a failed statement is thrown into the work', async () => {
    const outcome = await transact(source, function* (): Step<string> {
      yield* sql.run(`INSERT INTO "t" ("k") VALUES (?)`, 'b');
      try {
        yield* sql.run(`INSERT INTO "t" ("k") VALUES (?)`, 'a');
      } catch (error) {
        throw isDuplicate(error) ? new RollBack('taken') : error;
      }
      return 'inserted';
    });
    assert.equal(outcome, 'taken');
    assert.equal(await once(source, sql.get(`SELECT 1 FROM "t" WHERE "k" = ?`, 'b')), undefined);
    await assert.rejects(once(source, sql.run(`INSERT INTO "nowhere" ("k") VALUES (?)`, 'c')), /no such table/);
  });

  it('counts the rows a lone statement changed', async () => {
    assert.equal(await once(source, sql.run(`UPDATE "t" SET "at" = NULL WHERE "k" IN (?, ?)`, 'a', 'z')), 1);
    assert.equal(
      await once(source, sql.run(`INSERT INTO "t" ("k") VALUES (?) ON CONFLICT DO NOTHING`, 'a')),
      0,
      'a conflict changes nothing (the nonce check)',
    );
  });
});
