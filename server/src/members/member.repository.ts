import { Injectable } from '@nestjs/common';
import { DataSource, Not } from 'typeorm';
import { writeAtomically } from '../database/write-transaction';
import { UserEntity, type UserStatus } from '../users/user.entity';

export interface MemberChanges {
  status?: UserStatus;
  displayName?: string | null;
}

/**
 * The `user` rows whose role is 'member': no call here can read, change or remove an admin. Requests
 * still pending (open sign-up) are left to sign-up.repository.ts, except for removal.
 */
@Injectable()
export class MemberRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(UserEntity);
  }

  list(): Promise<UserEntity[]> {
    return this.repo.find({ where: { role: 'member', status: Not('pending') }, order: { createdAt: 'ASC' } });
  }

  find(id: string): Promise<UserEntity | null> {
    return this.repo.findOneBy({ id, role: 'member' });
  }

  /**
   * Changes a member; suspending also ends their sessions in the same transaction, so no request can
   * slip in between with a session of a suspended member. False when there is no such member.
   */
  update(id: string, changes: MemberChanges): boolean {
    return writeAtomically(this.dataSource, (db) => {
      // A pending request is not a member yet: it is approved through its own route (and mail).
      const member = `SELECT 1 FROM "user" WHERE "id" = ? AND "role" = 'member' AND "status" <> 'pending'`;
      if (!db.prepare(member).get(id)) return false;
      if (changes.status !== undefined) {
        db.prepare(`UPDATE "user" SET "status" = ? WHERE "id" = ?`).run(changes.status, id);
        if (changes.status === 'suspended') db.prepare(`DELETE FROM "session" WHERE "user_id" = ?`).run(id);
      }
      if (changes.displayName !== undefined) {
        db.prepare(`UPDATE "user" SET "display_name" = ? WHERE "id" = ?`).run(changes.displayName, id);
      }
      return true;
    });
  }

  /** Removes a member and their sessions. False when there is no such member (an admin is none). */
  remove(id: string): boolean {
    return writeAtomically(this.dataSource, (db) => {
      const deleted = db.prepare(`DELETE FROM "user" WHERE "id" = ? AND "role" = 'member'`).run(id);
      if (deleted.changes !== 1) return false;
      // The foreign key cascades as well; this does not depend on the foreign_keys pragma.
      db.prepare(`DELETE FROM "session" WHERE "user_id" = ?`).run(id);
      return true;
    });
  }
}
