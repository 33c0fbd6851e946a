import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HttpException } from '@nestjs/common';
import type { AuthService } from '../auth/auth.service';
import { Clock } from '../platform/clock';
import { sha256 } from '../common/tokens';
import type { InvitationEntity } from './invitation.entity';
import type { AcceptOutcome, InvitationRepository, RevokeOutcome } from './invitation.repository';
import type { UserEntity } from './user.entity';
import type { RemoveOutcome, UserRepository } from './user.repository';
import { UsersService } from './users.service';

const NOW = new Date('2026-11-29T12:00:00.000Z');
const TOKEN = 'a'.repeat(43);
const ACTOR = { id: 'actor', username: 'camille', role: 'admin' } as UserEntity;
const MEMBER = { id: 'member', username: 'dominique', role: 'member' } as UserEntity;

class FixedClock extends Clock {
  override now(): Date {
    return NOW;
  }
}

/** The service over fake repositories that answer with the given outcomes. */
function service(outcomes: {
  accept?: AcceptOutcome;
  remove?: RemoveOutcome;
  revoke?: RevokeOutcome;
  exists?: boolean | 'member';
}) {
  const revoked: string[] = [];
  const invitation: InvitationEntity = {
    tokenHash: sha256(TOKEN),
    email: 'dominique@example.org',
    invitedBy: ACTOR.id,
    createdAt: NOW,
    expiresAt: new Date(NOW.getTime() + 60_000),
    acceptedAt: null,
  };
  const users = {
    findByUsername: () => Promise.resolve(null),
    findById: () => Promise.resolve(outcomes.exists === false ? null : outcomes.exists === 'member' ? MEMBER : ACTOR),
    remove: () => Promise.resolve(outcomes.remove ?? 'removed'),
  } as unknown as UserRepository;
  const invitations = {
    findByHash: (hash: string) => Promise.resolve(hash === invitation.tokenHash ? invitation : null),
    accept: () => Promise.resolve(outcomes.accept ?? 'accepted'),
    revoke: () => Promise.resolve(outcomes.revoke ?? 'revoked'),
  } as unknown as InvitationRepository;
  const auth = {
    userRemoved: () => undefined,
    revokeSessions: (id: string) => {
      revoked.push(id);
      return Promise.resolve();
    },
  } as unknown as AuthService;
  return { users: new UsersService(users, invitations, new FixedClock(), auth), revoked };
}

function status(expected: number, message?: RegExp) {
  return (error: unknown) => {
    const e = error as HttpException;
    assert.equal(e.getStatus(), expected);
    if (message) assert.match((e.getResponse() as { message: string }).message, message);
    return true;
  };
}

const DTO = { username: 'dominique', password: 'another long password' };

describe('UsersService', () => {
  it('accepts an invitation when the atomic step spends it', async () => {
    const user = await service({ accept: 'accepted' }).users.accept(TOKEN, DTO);
    assert.equal(user.username, 'dominique');
    assert.equal(user.email, 'dominique@example.org');
  });

  it('answers 410 when a concurrent accept spent the invitation first', async () => {
    await assert.rejects(service({ accept: 'spent' }).users.accept(TOKEN, DTO), status(410, /already used/));
  });

  it('answers 409 on the username field when a concurrent accept took the username', async () => {
    await assert.rejects(service({ accept: 'usernameTaken' }).users.accept(TOKEN, DTO), (error: unknown) => {
      status(409)(error);
      const body = (error as HttpException).getResponse() as { errors: { field: string; code: string }[] };
      assert.deepEqual(
        body.errors.map((e) => [e.field, e.code]),
        [['username', 'taken']],
      );
      return true;
    });
  });

  it('maps removal outcomes: unknown 404, last admin 409, removed actor 401', async () => {
    await assert.doesNotReject(service({ remove: 'removed' }).users.remove('x', ACTOR));
    await assert.rejects(service({ remove: 'unknown' }).users.remove('x', ACTOR), status(404));
    await assert.rejects(service({ remove: 'lastAdmin' }).users.remove('x', ACTOR), status(409, /last administrator/));
    await assert.rejects(service({ remove: 'actorGone' }).users.remove('x', ACTOR), status(401));
  });

  it('signs a known admin out everywhere; 404 for an unknown one or a member', async () => {
    const known = service({});
    await known.users.revokeSessions('actor');
    assert.deepEqual(known.revoked, ['actor']);
    const unknown = service({ exists: false });
    await assert.rejects(unknown.users.revokeSessions('nobody'), status(404));
    assert.deepEqual(unknown.revoked, []);
    const member = service({ exists: 'member' });
    await assert.rejects(member.users.revokeSessions('member'), status(404));
    assert.deepEqual(member.revoked, []);
  });

  it('maps invitation revocation: unknown 404, already accepted 409', async () => {
    await assert.doesNotReject(service({ revoke: 'revoked' }).users.revokeInvitation('x'));
    await assert.rejects(service({ revoke: 'unknown' }).users.revokeInvitation('x'), status(404));
    await assert.rejects(service({ revoke: 'spent' }).users.revokeInvitation('x'), status(409));
  });
});
