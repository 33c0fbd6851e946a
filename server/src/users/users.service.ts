import { HttpStatus, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuthService } from '../auth/auth.service';
import { hashPassword } from '../auth/password.hasher';
import { ApiException, fieldErrors } from '../common/api-error';
import { Clock } from '../platform/clock';
import { randomToken, sha256 } from '../common/tokens';
import { AcceptInvitationDto, InvitationCreatedDto, InvitationDto, PendingInvitationDto } from './dto/invitation.dto';
import { InvitationEntity } from './invitation.entity';
import { InvitationRepository } from './invitation.repository';
import { UserEntity } from './user.entity';
import { UserRepository } from './user.repository';

export const INVITATION_TTL_MS = 48 * 60 * 60 * 1000;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;
const SPENT = 'This invitation has expired or was already used; ask for a new one.';

function usernameTaken(): ApiException {
  return new ApiException(HttpStatus.CONFLICT, 'This username is already taken; choose another.', {
    errors: [{ field: 'username', code: 'taken', message: 'username is already taken' }],
  });
}

function unknownUser(): ApiException {
  return new ApiException(HttpStatus.NOT_FOUND, 'This administrator does not exist (any more); reload the list.');
}

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly invitations: InvitationRepository,
    private readonly clock: Clock,
    private readonly auth: AuthService,
  ) {}

  list(): Promise<UserEntity[]> {
    return this.users.listAdmins();
  }

  async invite(email: string, invitedBy: UserEntity): Promise<InvitationCreatedDto> {
    const token = randomToken();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
    await this.invitations.insert({
      tokenHash: sha256(token),
      email,
      invitedBy: invitedBy.id,
      createdAt: now,
      expiresAt,
      acceptedAt: null,
    });
    return { token, expiresAt: expiresAt.toISOString() };
  }

  async describe(token: string): Promise<InvitationDto> {
    const invitation = await this.usable(token);
    return { email: invitation.email, expiresAt: invitation.expiresAt.toISOString() };
  }

  async accept(token: string, dto: AcceptInvitationDto): Promise<UserEntity> {
    const invitation = await this.usable(token);
    if (dto.password.toLowerCase().includes(dto.username)) {
      throw fieldErrors([
        { field: 'password', code: 'containsUsername', message: 'password must not contain the username' },
      ]);
    }
    if (await this.users.findByUsername(dto.username)) throw usernameTaken();
    const now = this.clock.now();
    const user: UserEntity = {
      id: randomUUID(),
      username: dto.username,
      email: invitation.email,
      passwordHash: await hashPassword(dto.password),
      role: 'admin',
      status: 'active',
      displayName: null,
      createdAt: now,
    };
    // The checks above give early answers; only this atomic step decides between racing accepts.
    const outcome = await this.invitations.accept(invitation.tokenHash, user, this.clock.now());
    switch (outcome) {
      case 'accepted':
        return user;
      case 'spent':
        throw new ApiException(HttpStatus.GONE, SPENT);
      case 'usernameTaken':
        throw usernameTaken();
    }
  }

  async pendingInvitations(): Promise<PendingInvitationDto[]> {
    const [pending, users] = await Promise.all([
      this.invitations.listPending(this.clock.now()),
      this.users.listAdmins(),
    ]);
    const names = new Map(users.map((u) => [u.id, u.username]));
    return pending.map((i) => ({
      id: i.tokenHash,
      email: i.email,
      invitedBy: names.get(i.invitedBy) ?? '',
      createdAt: i.createdAt.toISOString(),
      expiresAt: i.expiresAt.toISOString(),
    }));
  }

  async revokeInvitation(id: string): Promise<void> {
    const outcome = await this.invitations.revoke(id);
    switch (outcome) {
      case 'revoked':
        return;
      case 'unknown':
        throw new ApiException(HttpStatus.NOT_FOUND, 'This invitation does not exist (any more); reload the list.');
      case 'spent':
        throw new ApiException(HttpStatus.CONFLICT, 'This invitation was already accepted; remove the admin instead.');
    }
  }

  /** Removes an admin (possibly oneself) and signs them out everywhere; never the last admin. */
  async remove(id: string, actor: UserEntity): Promise<void> {
    const outcome = await this.users.remove(id, actor.id);
    switch (outcome) {
      case 'removed':
        this.auth.userRemoved(id);
        return;
      case 'unknown':
        throw unknownUser();
      case 'actorGone':
        throw new ApiException(HttpStatus.UNAUTHORIZED, 'Please log in.');
      case 'lastAdmin':
        throw new ApiException(
          HttpStatus.CONFLICT,
          'This is the last administrator: invite another one before removing this account.',
        );
    }
  }

  /** Ends every session of a user ("sign out everywhere"). */
  async revokeSessions(id: string): Promise<void> {
    if ((await this.users.findById(id))?.role !== 'admin') throw unknownUser();
    await this.auth.revokeSessions(id);
  }

  private async usable(token: string): Promise<InvitationEntity> {
    const invitation = TOKEN_SHAPE.test(token) ? await this.invitations.findByHash(sha256(token)) : null;
    if (!invitation) throw new ApiException(HttpStatus.NOT_FOUND, 'This invitation link is not valid.');
    if (invitation.acceptedAt || invitation.expiresAt.getTime() <= this.clock.now().getTime()) {
      throw new ApiException(HttpStatus.GONE, SPENT);
    }
    return invitation;
  }
}
