import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { sql, type Step, transact } from '../database/portable-sql';
import { UserEntity } from './user.entity';

export type RemoveOutcome = 'removed' | 'unknown' | 'lastAdmin' | 'actorGone';

@Injectable()
export class UserRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ username });
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ id });
  }

  /** The administrators; members are listed by members/member.repository.ts. */
  listAdmins(): Promise<UserEntity[]> {
    return this.dataSource.getRepository(UserEntity).find({ where: { role: 'admin' }, order: { createdAt: 'ASC' } });
  }

  async insert(user: UserEntity, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.getRepository(UserEntity).insert(user);
  }

  async updateDisplayName(id: string, displayName: string): Promise<void> {
    await this.dataSource.getRepository(UserEntity).update({ id }, { displayName });
  }

  async updatePasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.dataSource.getRepository(UserEntity).update({ id }, { passwordHash });
  }

  /**
   * Removes an admin and their sessions, never the last admin: the count is checked in the DELETE
   * itself, inside one write transaction, so two admins removing each other at once leave one.
   * An actor removed meanwhile (their request was already past the session check) removes nobody.
   */
  remove(id: string, actorId: string): Promise<RemoveOutcome> {
    return transact(this.dataSource, function* (): Step<RemoveOutcome> {
      // A member is removed through /api/members (members.service.ts), never as an admin.
      if (!(yield* sql.get(`SELECT 1 FROM "user" WHERE "id" = ? AND "role" = 'admin'`, id))) return 'unknown';
      if (!(yield* sql.get(`SELECT 1 FROM "user" WHERE "id" = ?`, actorId))) return 'actorGone';
      const deleted = yield* sql.run(
        `DELETE FROM "user" WHERE "id" = ?
         AND (SELECT COUNT(*) FROM "user" WHERE "role" = 'admin') > 1`,
        id,
      );
      if (deleted !== 1) return 'lastAdmin';
      // The foreign key cascades as well; this does not depend on the foreign_keys pragma.
      yield* sql.run(`DELETE FROM "session" WHERE "user_id" = ?`, id);
      return 'removed';
    });
  }
}
