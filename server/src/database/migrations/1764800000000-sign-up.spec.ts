import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MIGRATIONS } from '../data-source';
import { migrationDatabase } from './migration.fixtures.spec';
import { SignUp1764800000000 } from './1764800000000-sign-up';

/** Members written by the previous version, migrated on a real SQLite file, and back. */
describe('migration SignUp1764800000000', () => {
  const open = migrationDatabase('tl-sign-up-');
  const index = MIGRATIONS.indexOf(SignUp1764800000000);

  it('leaves sign-up off and members as they were; going back drops only the pending requests', async () => {
    const before = open(MIGRATIONS.slice(0, index));
    await before.initialize();
    await before.runMigrations();
    const at = '2026-11-29 12:00:00.000';
    await before.query(
      `INSERT INTO "user" ("id","username","email","password_hash","role","status","created_at") VALUES
       ('a','camille','c@example.org','x','admin','active','${at}'),
       ('b','dominique','','x','member','suspended','${at}')`,
    );
    await before.destroy();

    const migrated = open(MIGRATIONS.slice(0, index + 1));
    await migrated.initialize();
    await migrated.runMigrations();
    assert.deepEqual(await migrated.query(`SELECT * FROM "sign_up_settings"`), []);
    const users = await migrated.query<Array<{ username: string; status: string }>>(
      `SELECT "username", "status" FROM "user" ORDER BY "username"`,
    );
    assert.deepEqual(
      users.map((u) => [u.username, u.status]),
      [
        ['camille', 'active'],
        ['dominique', 'suspended'],
      ],
    );
    await migrated.query(
      `INSERT INTO "user" ("id","username","email","password_hash","role","status","created_at")
       VALUES ('c','eli','','x','member','pending','${at}')`,
    );
    await migrated.undoLastMigration();
    const left = await migrated.query<Array<{ username: string }>>(`SELECT "username" FROM "user" ORDER BY "username"`);
    assert.deepEqual(
      left.map((u) => u.username),
      ['camille', 'dominique'],
    );
    await migrated.destroy();
  });
});
