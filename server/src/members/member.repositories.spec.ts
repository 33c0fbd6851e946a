import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { SessionEntity } from '../auth/session.entity';
import { migratedDatabase } from '../setup/installation.fixtures.spec';
import type { Role, UserEntity } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';
import { MemberInvitationRepository } from './member-invitation.repository';
import { MemberRepository } from './member.repository';

const NOW = new Date('2026-11-30T10:00:00.000Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);

function user(username: string, role: Role = 'member'): UserEntity {
  return {
    id: `id-${username}`,
    username,
    email: '',
    passwordHash: 'x',
    role,
    status: 'active',
    displayName: null,
    createdAt: NOW,
  };
}

/** The members' atomic writes on a real SQLite file, migrated as in production. */
describe('member writes on real SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-members-spec-'));
  let db: DataSource;
  let users: UserRepository;
  let members: MemberRepository;
  let invitations: MemberInvitationRepository;

  async function link(hash: string, maxUses: number, expiresAt = later(60_000)): Promise<void> {
    await invitations.insert({
      tokenHash: hash,
      kind: maxUses === 1 ? 'single' : 'shared',
      maxUses,
      uses: 0,
      createdBy: 'id-camille',
      createdAt: NOW,
      expiresAt,
    });
  }

  async function session(userId: string, hash: string): Promise<void> {
    await db
      .getRepository(SessionEntity)
      .insert({ tokenHash: hash, userId, csrfToken: 'c', createdAt: NOW, expiresAt: later(60_000) });
  }

  before(async () => {
    db = await migratedDatabase(dir);
    users = new UserRepository(db);
    members = new MemberRepository(db);
    invitations = new MemberInvitationRepository(db);
    await users.insert(user('camille', 'admin'));
  });
  after(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a migrated admin is active, with no display name', async () => {
    assert.deepEqual(await db.query(`SELECT "status", "display_name" FROM "user" WHERE "username" = 'camille'`), [
      { status: 'active', display_name: null },
    ]);
  });

  it('a single-use link creates one member; the second accept changes nothing', async () => {
    await link('single', 1);
    assert.equal(invitations.accept('single', user('dominique'), NOW), 'accepted');
    assert.equal(invitations.accept('single', user('eli'), NOW), 'gone');
    assert.equal(await users.findByUsername('eli'), null);
    assert.equal((await invitations.findByHash('single'))?.uses, 1);
    assert.equal((await users.findByUsername('dominique'))?.role, 'member');
  });

  it('a shared link is used exactly maxUses times', async () => {
    await link('shared', 3);
    for (const name of ['fanny', 'gael', 'hana'])
      assert.equal(invitations.accept('shared', user(name), NOW), 'accepted');
    assert.equal(invitations.accept('shared', user('ines'), NOW), 'gone');
    assert.equal((await invitations.findByHash('shared'))?.uses, 3);
  });

  it('refuses a link that expired between the check and the write', async () => {
    await link('late', 5, later(1_000));
    assert.equal(invitations.accept('late', user('jo'), later(1_000)), 'gone');
    assert.equal(await users.findByUsername('jo'), null);
    assert.equal((await invitations.findByHash('late'))?.uses, 0);
  });

  it('gives the use back when the username was taken meanwhile (by an admin too)', async () => {
    await link('taken', 1);
    assert.equal(invitations.accept('taken', { ...user('camille'), id: 'other' }, NOW), 'usernameTaken');
    assert.equal((await invitations.findByHash('taken'))?.uses, 0);
    assert.equal(invitations.accept('taken', user('kim'), NOW), 'accepted');
  });

  it('the table refuses more uses than allowed, whatever the SQL', async () => {
    await assert.rejects(
      db.query(`UPDATE "member_invitation" SET "uses" = "max_uses" + 1 WHERE "token_hash" = 'shared'`),
    );
  });

  it('suspending ends the member’s sessions in the same write; resuming and renaming keep them', async () => {
    await session('id-dominique', 's1');
    assert.equal(members.update('id-dominique', { displayName: 'Dominique L.' }), true);
    assert.equal(await db.getRepository(SessionEntity).countBy({ userId: 'id-dominique' }), 1);
    assert.equal(members.update('id-dominique', { status: 'suspended' }), true);
    assert.equal(await db.getRepository(SessionEntity).countBy({ userId: 'id-dominique' }), 0);
    const suspended = await members.find('id-dominique');
    assert.deepEqual([suspended?.status, suspended?.displayName], ['suspended', 'Dominique L.']);
    assert.equal(members.update('id-dominique', { status: 'active' }), true);
    assert.equal((await members.find('id-dominique'))?.status, 'active');
  });

  it('never reads, changes or removes an admin', async () => {
    await session('id-camille', 's-admin');
    assert.equal(await members.find('id-camille'), null);
    assert.equal(members.update('id-camille', { status: 'suspended' }), false);
    assert.equal(members.remove('id-camille'), false);
    assert.equal((await users.findById('id-camille'))?.status, 'active');
    assert.equal(await db.getRepository(SessionEntity).countBy({ userId: 'id-camille' }), 1);
    assert.ok((await members.list()).every((m) => m.role === 'member'));
    assert.deepEqual(
      (await users.listAdmins()).map((u) => u.username),
      ['camille'],
    );
  });

  it('removes a member with their sessions', async () => {
    await session('id-fanny', 's2');
    assert.equal(members.remove('id-fanny'), true);
    assert.equal(await users.findById('id-fanny'), null);
    assert.equal(await db.getRepository(SessionEntity).countBy({ userId: 'id-fanny' }), 0);
    assert.equal(members.remove('id-fanny'), false);
  });

  it('an admin cannot remove a member through the admins’ removal', async () => {
    assert.equal(await users.remove('id-gael', 'id-camille'), 'unknown');
  });
});
