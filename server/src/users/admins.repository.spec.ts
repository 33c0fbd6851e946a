import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { SessionEntity } from '../auth/session.entity';
import { migratedDatabase } from '../setup/installation.fixtures.spec';
import { InvitationEntity } from './invitation.entity';
import { InvitationRepository } from './invitation.repository';
import { UserEntity } from './user.entity';
import { UserRepository } from './user.repository';

const NOW = new Date('2026-11-29T12:00:00.000Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);

function user(username: string): UserEntity {
  return {
    id: `id-${username}`,
    username,
    email: `${username}@example.org`,
    passwordHash: 'x',
    role: 'admin',
    status: 'active',
    displayName: null,
    createdAt: NOW,
  };
}

/** The atomic writes on a real SQLite file, migrated as in production. */
describe('admin writes on real SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-admins-spec-'));
  let db: DataSource;
  let users: UserRepository;
  let invitations: InvitationRepository;

  async function invitation(hash: string, expiresAt = later(60_000)): Promise<void> {
    await invitations.insert({
      tokenHash: hash,
      email: 'x@example.org',
      invitedBy: 'id-camille',
      createdAt: NOW,
      expiresAt,
      acceptedAt: null,
    });
  }

  before(async () => {
    db = await migratedDatabase(dir);
    users = new UserRepository(db);
    invitations = new InvitationRepository(db);
    await users.insert(user('camille'));
  });
  after(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('spends an invitation once: the second accept changes nothing', async () => {
    await invitation('a');
    assert.equal(await invitations.accept('a', user('dominique'), NOW), 'accepted');
    assert.equal(await invitations.accept('a', user('eli'), NOW), 'spent');
    assert.equal(await users.findByUsername('eli'), null);
    assert.ok((await invitations.findByHash('a'))?.acceptedAt);
  });

  it('refuses an invitation that expired between the check and the write', async () => {
    await invitation('b', later(1_000));
    assert.equal(await invitations.accept('b', user('fanny'), later(1_000)), 'spent');
    assert.equal(await users.findByUsername('fanny'), null);
  });

  it('rolls the spending back when the username was taken meanwhile', async () => {
    await invitation('c');
    assert.equal(await invitations.accept('c', { ...user('dominique'), id: 'other' }, NOW), 'usernameTaken');
    assert.equal((await invitations.findByHash('c'))?.acceptedAt, null);
    assert.equal(await invitations.accept('c', user('gael'), NOW), 'accepted');
  });

  it('lists only pending invitations and revokes only those', async () => {
    await invitation('d');
    await invitation('e', later(-1)); // expired; 'b' expires at the listing's moment
    assert.deepEqual(
      (await invitations.listPending(later(1_000))).map((i) => i.tokenHash),
      ['d'],
    );
    assert.equal(await invitations.revoke('d'), 'revoked');
    assert.equal(await invitations.revoke('d'), 'unknown');
    assert.equal(await invitations.revoke('a'), 'spent');
  });

  it('removes an admin with their sessions, never the last one, never for a removed actor', async () => {
    await db.getRepository(SessionEntity).insert({
      tokenHash: 's1',
      userId: 'id-gael',
      csrfToken: 'c',
      createdAt: NOW,
      expiresAt: later(60_000),
    });
    assert.equal(await users.remove('id-nobody', 'id-camille'), 'unknown');
    assert.equal(await users.remove('id-gael', 'id-nobody'), 'actorGone');
    assert.equal(await users.remove('id-gael', 'id-camille'), 'removed');
    assert.equal(await db.getRepository(SessionEntity).countBy({ userId: 'id-gael' }), 0);
    assert.equal(await users.remove('id-dominique', 'id-dominique'), 'removed');
    assert.equal(await users.remove('id-camille', 'id-camille'), 'lastAdmin');
    assert.deepEqual(
      (await users.listAdmins()).map((u) => u.username),
      ['camille'],
    );
    assert.equal(await db.getRepository(InvitationEntity).countBy({}), 4, 'camille’s invitations stay');
  });
});
