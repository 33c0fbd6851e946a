import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HashGate } from '../auth/hash-gate';
import { verifyPassword } from '../auth/password.hasher';
import { ApiException } from '../common/api-error';
import type { UserEntity } from '../users/user.entity';
import type { UserRepository } from '../users/user.repository';
import { MemberAccountFactory } from './member-account.factory';

const NOW = new Date('2026-05-01T10:00:00Z');
const DETAILS = { username: 'dominique', password: 'a long enough password', displayName: 'Dominique' };

function factory(existing: string[] = [], gate = new HashGate()) {
  const users = { findByUsername: (name: string) => Promise.resolve(existing.includes(name) ? {} : null) };
  const clock = { now: () => NOW };
  return new MemberAccountFactory(users as unknown as UserRepository, gate, clock);
}

const status = (err: unknown) => (err instanceof ApiException ? err.getStatus() : undefined);

describe('MemberAccountFactory', () => {
  it('refuses early a password holding the username (400) and a taken username (409)', async () => {
    await assert.rejects(
      factory().refuseEarly({ ...DETAILS, password: 'my name is DOMINIQUE!' }),
      (e) => status(e) === 400,
    );
    await assert.rejects(factory(['dominique']).refuseEarly(DETAILS), (e) => status(e) === 409);
    await factory(['camille']).refuseEarly(DETAILS);
  });

  it('hands one hashed account to the write and returns its outcome', async () => {
    const written: UserEntity[] = [];
    const { member, outcome } = await factory().create(DETAILS, 'pending', '10.0.0.1', (m) => {
      written.push(m);
      return 'created';
    });
    assert.equal(outcome, 'created');
    assert.deepEqual(written, [member]);
    assert.deepEqual(
      [member.username, member.email, member.role, member.status, member.displayName, member.createdAt],
      ['dominique', '', 'member', 'pending', 'Dominique', NOW],
    );
    assert.notEqual(member.passwordHash, DETAILS.password);
    assert.equal(await verifyPassword(DETAILS.password, member.passwordHash), true);
  });

  it('turns a username taken during the hash into the same 409; a busy address gets 429 before any hash', async () => {
    await assert.rejects(
      factory().create(DETAILS, 'active', '10.0.0.1', () => 'usernameTaken'),
      (e) => status(e) === 409,
    );
    const gate = new HashGate();
    const held = await gate.enter('10.0.0.2');
    let wrote = false;
    await assert.rejects(
      factory([], gate).create(DETAILS, 'active', '10.0.0.2', () => {
        wrote = true;
        return 'accepted';
      }),
      (e) => status(e) === 429,
    );
    assert.equal(wrote, false);
    held?.release();
  });
});
