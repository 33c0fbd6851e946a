import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { AuthService } from '../auth/auth.service';
import { ApiException } from '../common/api-error';
import type { UserEntity } from '../users/user.entity';
import { UpdateMemberDto } from './dto/member.dto';
import { MemberRepository } from './member.repository';
import { MemberServiceAccounts, type MemberRef } from './member-service-accounts.port';

function unknownMember(): ApiException {
  return new ApiException(HttpStatus.NOT_FOUND, 'This member does not exist (any more); reload the list.');
}

/** What admins do to members: list, suspend or resume, rename, remove. */
@Injectable()
export class MembersService {
  private readonly logger = new Logger('Members');

  constructor(
    private readonly members: MemberRepository,
    private readonly auth: AuthService,
    private readonly accounts: MemberServiceAccounts,
  ) {}

  list(): Promise<UserEntity[]> {
    return this.members.list();
  }

  async update(id: string, dto: UpdateMemberDto): Promise<UserEntity> {
    const before = await this.members.find(id);
    if (!before || !this.members.update(id, dto)) throw unknownMember();
    if (dto.status && dto.status !== before.status) {
      const ref = { id, username: before.username };
      if (dto.status === 'suspended') {
        this.auth.userRemoved(id); // their sessions went in the same transaction; their live views end too
        await this.inServices('suspended', ref);
      } else await this.inServices('resumed', ref);
    }
    const after = await this.members.find(id);
    if (!after) throw unknownMember();
    return after;
  }

  async remove(id: string): Promise<void> {
    const member = await this.members.find(id);
    if (!member || !this.members.remove(id)) throw unknownMember();
    this.auth.userRemoved(id);
    await this.inServices('removed', { id, username: member.username });
  }

  /** The manager's change is committed; a service that fails to follow is logged, not undone. */
  private async inServices(change: 'suspended' | 'resumed' | 'removed', member: MemberRef): Promise<void> {
    try {
      await this.accounts[change](member);
    } catch (error) {
      this.logger.error(`The services could not follow "${change}" for ${member.username}: ${String(error)}`);
    }
  }
}
