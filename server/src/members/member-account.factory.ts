import { HttpStatus, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { HashGate } from '../auth/hash-gate';
import { hashPassword } from '../auth/password.hasher';
import { ApiException, fieldErrors } from '../common/api-error';
import { Clock } from '../platform/clock';
import type { UserEntity, UserStatus } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';
import { passwordHasUsername } from './sign-up.rules';

/** What a person types to get a member account (an invitation link or a sign-up request). */
export interface NewMemberDetails {
  username: string;
  password: string;
  email?: string;
  displayName?: string;
}

export function usernameTaken(): ApiException {
  return new ApiException(HttpStatus.CONFLICT, 'This username is already taken; choose another.', {
    errors: [{ field: 'username', code: 'taken', message: 'username is already taken' }],
  });
}

/**
 * Makes member accounts, whichever way a person comes in: the cheap refusals, the password hash behind
 * the hashing gate (the expensive part, bounded per address), then the caller's one write, which alone
 * decides between racing requests for the same username.
 */
@Injectable()
export class MemberAccountFactory {
  constructor(
    private readonly users: UserRepository,
    private readonly hashing: HashGate,
    private readonly clock: Clock,
  ) {}

  /** 400 for a password that holds the username, 409 for a name already taken (before any hashing). */
  async refuseEarly(details: NewMemberDetails): Promise<void> {
    if (passwordHasUsername(details.password, details.username)) {
      throw fieldErrors([
        { field: 'password', code: 'containsUsername', message: 'password must not contain the username' },
      ]);
    }
    if (await this.users.findByUsername(details.username)) throw usernameTaken();
  }

  /**
   * Hashes the password (429 while another hash from this address runs), builds the account and hands
   * it to `write`; a 'usernameTaken' answer from the write becomes the same 409 as the early check.
   */
  async create<Outcome extends string>(
    details: NewMemberDetails,
    status: Extract<UserStatus, 'active' | 'pending'>,
    address: string,
    write: (member: UserEntity) => Outcome | 'usernameTaken' | Promise<Outcome | 'usernameTaken'>,
  ): Promise<{ member: UserEntity; outcome: Exclude<Outcome, 'usernameTaken'> }> {
    const gate = await this.hashing.enter(address);
    if (!gate) {
      throw new ApiException(
        HttpStatus.TOO_MANY_REQUESTS,
        'Another request from here is being checked; retry in a moment.',
        {
          retryAfterSeconds: 1,
        },
      );
    }
    let passwordHash: string;
    try {
      passwordHash = await hashPassword(details.password);
    } finally {
      gate.release();
    }
    const member: UserEntity = {
      id: randomUUID(),
      username: details.username,
      email: details.email ?? '',
      passwordHash,
      role: 'member',
      status,
      displayName: details.displayName ?? null,
      createdAt: this.clock.now(),
    };
    const outcome = await write(member);
    if (outcome === 'usernameTaken') throw usernameTaken();
    return { member, outcome: outcome as Exclude<Outcome, 'usernameTaken'> };
  }
}
