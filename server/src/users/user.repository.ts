import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { writeAtomically } from '../database/write-transaction';
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
  remove(id: string, actorId: string): RemoveOutcome {
    return writeAtomically(this.dataSource, (db) => {
      // A member is removed through /api/members (members.service.ts), never as an admin.
      if (!db.prepare(`SELECT 1 FROM "user" WHERE "id" = ? AND "role" = 'admin'`).get(id)) return 'unknown';
      if (!db.prepare(`SELECT 1 FROM "user" WHERE "id" = ?`).get(actorId)) return 'actorGone';
      const deleted = db
        .prepare(
          `DELETE FROM "user" WHERE "id" = ?
           AND (SELECT COUNT(*) FROM "user" WHERE "role" = 'admin') > 1`,
        )
        .run(id);
      if (deleted.changes !== 1) return 'lastAdmin';
      // The foreign key cascades as well; this does not depend on the foreign_keys pragma.
      db.prepare(`DELETE FROM "session" WHERE "user_id" = ?`).run(id);
      return 'removed';
    });
  }
}
