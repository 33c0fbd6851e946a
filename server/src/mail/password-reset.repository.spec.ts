import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { SessionEntity } from '../auth/session.entity';
import { migratedDatabase } from '../setup/installation.fixtures.spec';
import type { UserEntity } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';
import { PasswordResetRepository } from './password-reset.repository';

const NOW = new Date('2026-11-30T10:00:00.000Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);

function user(username: string, email: string, status: UserEntity['status'] = 'active'): UserEntity {
  return {
    id: `id-${username}`,
    username,
    email,
    passwordHash: 'old',
    role: 'member',
    status,
    displayName: null,
    createdAt: NOW,
  };
}

/** The reset links' atomic writes on a real SQLite file, migrated as in production. */
describe('password reset writes on real SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-reset-spec-'));
  let db: DataSource;
  let users: UserRepository;
  let resets: PasswordResetRepository;

  const link = (hash: string, userId: string, expiresAt = later(60_000)) =>
    resets.issue({ tokenHash: hash, userId, createdAt: NOW, expiresAt, usedAt: null });
  const sessions = (userId: string) => db.getRepository(SessionEntity).countBy({ userId });

  before(async () => {
    db = await migratedDatabase(dir);
    users = new UserRepository(db);
    resets = new PasswordResetRepository(db);
    await users.insert(user('dominique', ' Dominique@Example.org'));
    await users.insert(user('eli', 'eli@example.org', 'suspended'));
    await users.insert(user('fanny', ''));
  });
  after(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds active accounts by address without case; never by an empty one', async () => {
    assert.deepEqual(
      (await resets.activeUsersByEmail('dominique@example.org')).map((u) => u.username),
      ['dominique'],
    );
    assert.deepEqual(await resets.activeUsersByEmail('eli@example.org'), [], 'a suspended account gets no link');
    assert.deepEqual(await resets.activeUsersByEmail(''), []);
  });

  it('a link sets the password once, ends the sessions in the same write; a second use changes nothing', async () => {
    await db
      .getRepository(SessionEntity)
      .insert({ tokenHash: 's1', userId: 'id-dominique', csrfToken: 'c', createdAt: NOW, expiresAt: later(60_000) });
    link('first', 'id-dominique');
    assert.equal(resets.consume('first', 'new-hash', NOW), 'reset');
    assert.equal((await users.findById('id-dominique'))?.passwordHash, 'new-hash');
    assert.equal(await sessions('id-dominique'), 0);
    assert.equal(resets.consume('first', 'other-hash', NOW), 'gone');
    assert.equal((await users.findById('id-dominique'))?.passwordHash, 'new-hash');
    assert.ok((await resets.findByHash('first'))?.usedAt);
  });

  it('only the latest link of an account works', async () => {
    link('older', 'id-dominique');
    link('newer', 'id-dominique');
    assert.equal(await resets.findByHash('older'), null);
    assert.equal(resets.consume('older', 'x', NOW), 'gone');
    assert.equal(resets.consume('newer', 'newest-hash', NOW), 'reset');
  });

  it('refuses a link that expired between the check and the write', async () => {
    link('late', 'id-dominique', later(1_000));
    assert.equal(resets.consume('late', 'late-hash', later(1_000)), 'gone');
    assert.equal((await users.findById('id-dominique'))?.passwordHash, 'newest-hash');
    assert.equal((await resets.findByHash('late'))?.usedAt, null);
  });

  it('does not reset a suspended account, and leaves its link unused', async () => {
    link('suspended', 'id-eli');
    assert.equal(resets.consume('suspended', 'eli-hash', NOW), 'gone');
    assert.equal((await users.findById('id-eli'))?.passwordHash, 'old');
    assert.equal((await resets.findByHash('suspended'))?.usedAt, null);
  });

  it('forgets links a day after their expiry', async () => {
    link('stale', 'id-fanny', later(-25 * 3_600_000));
    await resets.deleteOld(NOW);
    assert.equal(await resets.findByHash('stale'), null);
    assert.ok(await resets.findByHash('suspended'));
  });
});
