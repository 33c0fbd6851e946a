import { HttpStatus, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hashPassword } from '../auth/password.hasher';
import { ApiException, fieldErrors } from '../common/api-error';
import { Clock } from '../common/clock';
import { randomToken, sha256 } from '../common/tokens';
import { AcceptInvitationDto, InvitationCreatedDto, InvitationDto } from './dto/invitation.dto';
import { InvitationEntity } from './invitation.entity';
import { InvitationRepository } from './invitation.repository';
import { UserEntity } from './user.entity';
import { UserRepository } from './user.repository';

export const INVITATION_TTL_MS = 48 * 60 * 60 * 1000;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly invitations: InvitationRepository,
    private readonly clock: Clock,
  ) {}

  list(): Promise<UserEntity[]> {
    return this.users.list();
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
    if (await this.users.findByUsername(dto.username)) {
      throw new ApiException(HttpStatus.CONFLICT, 'This username is already taken; choose another.', {
        errors: [{ field: 'username', code: 'taken', message: 'username is already taken' }],
      });
    }
    const now = this.clock.now();
    const user: UserEntity = {
      id: randomUUID(),
      username: dto.username,
      email: invitation.email,
      passwordHash: await hashPassword(dto.password),
      role: 'admin',
      createdAt: now,
    };
    await this.invitations.accept(invitation.tokenHash, user, now);
    return user;
  }

  private async usable(token: string): Promise<InvitationEntity> {
    const invitation = TOKEN_SHAPE.test(token) ? await this.invitations.findByHash(sha256(token)) : null;
    if (!invitation) throw new ApiException(HttpStatus.NOT_FOUND, 'This invitation link is not valid.');
    if (invitation.acceptedAt || invitation.expiresAt.getTime() <= this.clock.now().getTime()) {
      throw new ApiException(HttpStatus.GONE, 'This invitation has expired or was already used; ask for a new one.');
    }
    return invitation;
  }
}
