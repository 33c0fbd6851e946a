import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hedgedocEndSessionsSql } from './hedgedoc.members';
import { nextcloudMemberCommands, nextcloudUserExistsCommand } from './nextcloud.members';

const OCC = ['php', '/var/www/html/occ', '--no-interaction'];

describe("ending a member's pad sessions (HedgeDoc 1.x, connect-session-sequelize)", () => {
  it('deletes the "Sessions" rows whose passport user is the member\'s "Users" row, found by profileid', () => {
    const sql = hedgedocEndSessionsSql('acc-1');
    assert.match(sql, /^\\connect hedgedoc\n/);
    assert.ok(
      sql.includes(
        `DELETE FROM "Sessions" WHERE data::json #>> '{passport,user}' IN\n      (SELECT id::text FROM "Users" WHERE profileid = 'acc-1');`,
      ),
    );
    // Never the user row: their notes keep their owner.
    assert.ok(!/DELETE FROM "Users"/.test(sql));
    // Before HedgeDoc's migrations made the tables: nothing to do, and no error.
    assert.match(
      sql,
      /to_regclass\('public\."Sessions"'\) IS NOT NULL AND to_regclass\('public\."Users"'\) IS NOT NULL/,
    );
  });

  it('quotes the subject', () => {
    assert.ok(
      hedgedocEndSessionsSql('x\'); DROP TABLE "Notes"; --').includes(`profileid = 'x''); DROP TABLE "Notes"; --'`),
    );
    assert.throws(() => hedgedocEndSessionsSql('a\0b'), RangeError);
  });
});

/** Nextcloud's admin manual, occ user commands: user:info, user:disable, user:enable, user:auth-tokens:delete. */
describe("a member's account in files (Nextcloud occ)", () => {
  const now = new Date('2026-12-01T03:00:00Z');
  const ahead = String(Date.parse('2026-12-01T03:01:00Z') / 1000);

  it('asks whether the account exists first', () => {
    assert.deepEqual(nextcloudUserExistsCommand('dominique'), [...OCC, 'user:info', '--', 'dominique']);
  });

  it('disables a removed or suspended member and deletes every token (sessions included)', () => {
    for (const change of ['removed', 'suspended'] as const)
      assert.deepEqual(nextcloudMemberCommands('dominique', change, now), [
        [...OCC, 'user:disable', '--', 'dominique'],
        [...OCC, 'user:auth-tokens:delete', `--last-used-before=${ahead}`, '--', 'dominique'],
      ]);
  });

  it('enables a resumed member again', () => {
    assert.deepEqual(nextcloudMemberCommands('dominique', 'resumed', now), [
      [...OCC, 'user:enable', '--', 'dominique'],
    ]);
  });

  it('never reads a username as an option', () => {
    const [disable] = nextcloudMemberCommands('--all', 'removed', now);
    assert.deepEqual(disable.slice(-2), ['--', '--all']);
  });
});
