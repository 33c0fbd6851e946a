import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUniqueViolation, sqliteDatetime, writeAtomically } from '../database/write-transaction';
import { UserEntity } from '../users/user.entity';
import { SignUpSettingsEntity } from './sign-up-settings.entity';

export type SignUpInsertOutcome = 'created' | 'usernameTaken' | 'full';

/** The sign-up setting and the requests (members with the status 'pending'). */
@Injectable()
export class SignUpRepository {
  constructor(private readonly dataSource: DataSource) {}

  async isOpen(): Promise<boolean> {
    return (await this.dataSource.getRepository(SignUpSettingsEntity).findOneBy({ id: 1 }))?.open ?? false;
  }

  async setOpen(open: boolean, at: Date): Promise<void> {
    await this.dataSource.getRepository(SignUpSettingsEntity).save({ id: 1, open, updatedAt: at });
  }

  countPending(): Promise<number> {
    return this.dataSource.getRepository(UserEntity).countBy({ role: 'member', status: 'pending' });
  }

  listPending(): Promise<UserEntity[]> {
    return this.dataSource
      .getRepository(UserEntity)
      .find({ where: { role: 'member', status: 'pending' }, order: { createdAt: 'ASC' } });
  }

  findPending(id: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ id, role: 'member', status: 'pending' });
  }

  /**
   * Adds a pending request, in one write transaction with the cap's count, so that racing sign-ups
   * cannot pass the cap together; the username's UNIQUE constraint decides between racing requests
   * for one name.
   */
  insertPending(member: UserEntity, max: number): SignUpInsertOutcome {
    return writeAtomically(this.dataSource, (db) => {
      const row = db
        .prepare(`SELECT COUNT(*) AS "n" FROM "user" WHERE "role" = 'member' AND "status" = 'pending'`)
        .get() as { n: number };
      if (row.n >= max) return 'full';
      try {
        db.prepare(
          `INSERT INTO "user" ("id", "username", "email", "password_hash", "role", "status", "display_name", "created_at")
           VALUES (?, ?, ?, ?, 'member', 'pending', ?, ?)`,
        ).run(
          member.id,
          member.username,
          member.email,
          member.passwordHash,
          member.displayName,
          sqliteDatetime(member.createdAt),
        );
      } catch (error) {
        if (isUniqueViolation(error)) return 'usernameTaken';
        throw error;
      }
      return 'created';
    });
  }

  /**
   * Turns a request into an active member. The conditional UPDATE is the only check that counts: of
   * concurrent approvals (or an approval racing a refusal) exactly one touches the row.
   */
  approve(id: string): boolean {
    return writeAtomically(
      this.dataSource,
      (db) =>
        db
          .prepare(
            `UPDATE "user" SET "status" = 'active' WHERE "id" = ? AND "role" = 'member' AND "status" = 'pending'`,
          )
          .run(id).changes === 1,
    );
  }

  /** Deletes a request (never a member already approved). False when there was none. */
  refuse(id: string): boolean {
    return writeAtomically(
      this.dataSource,
      (db) =>
        db.prepare(`DELETE FROM "user" WHERE "id" = ? AND "role" = 'member' AND "status" = 'pending'`).run(id)
          .changes === 1,
    );
  }
}
