import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { UserEntity } from './user.entity';

@Injectable()
export class UserRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ username });
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ id });
  }

  list(): Promise<UserEntity[]> {
    return this.dataSource.getRepository(UserEntity).find({ order: { createdAt: 'ASC' } });
  }

  async insert(user: UserEntity, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.getRepository(UserEntity).insert(user);
  }

  async updatePasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.dataSource.getRepository(UserEntity).update({ id }, { passwordHash });
  }
}
