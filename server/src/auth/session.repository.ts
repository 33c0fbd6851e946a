import { Injectable } from '@nestjs/common';
import { DataSource, LessThan, Not } from 'typeorm';
import { SessionEntity } from './session.entity';

@Injectable()
export class SessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(SessionEntity);
  }

  async insert(session: SessionEntity): Promise<void> {
    await this.repo.insert(session);
  }

  findByHash(tokenHash: string): Promise<SessionEntity | null> {
    return this.repo.findOneBy({ tokenHash });
  }

  async extend(tokenHash: string, expiresAt: Date): Promise<void> {
    await this.repo.update({ tokenHash }, { expiresAt });
  }

  async delete(tokenHash: string): Promise<void> {
    await this.repo.delete({ tokenHash });
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.repo.delete({ userId });
  }

  async deleteForUserExcept(userId: string, keepTokenHash: string): Promise<void> {
    await this.repo.delete({ userId, tokenHash: Not(keepTokenHash) });
  }

  async deleteExpired(now: Date): Promise<void> {
    await this.repo.delete({ expiresAt: LessThan(now) });
  }
}
