import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UserEntity } from './user.entity';
import { InvitationEntity } from './invitation.entity';

@Injectable()
export class InvitationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(invitation: InvitationEntity): Promise<void> {
    await this.dataSource.getRepository(InvitationEntity).insert(invitation);
  }

  findByHash(tokenHash: string): Promise<InvitationEntity | null> {
    return this.dataSource.getRepository(InvitationEntity).findOneBy({ tokenHash });
  }

  /** Accepting creates the user and spends the invitation in one transaction. */
  async accept(tokenHash: string, user: UserEntity, at: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(UserEntity).insert(user);
      await manager.getRepository(InvitationEntity).update({ tokenHash }, { acceptedAt: at });
    });
  }
}
