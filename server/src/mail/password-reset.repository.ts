import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RollBack, sqliteDatetime, writeAtomically, writeOrRollBack } from '../database/write-transaction';
import { UserEntity } from '../users/user.entity';
import { PasswordResetEntity } from './password-reset.entity';

export type ResetOutcome = 'reset' | 'gone';

@Injectable()
export class PasswordResetRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get table() {
    return this.dataSource.getRepository(PasswordResetEntity);
  }

  /** Active accounts with this address (compared without case); an empty address matches nobody. */
  activeUsersByEmail(normalized: string): Promise<UserEntity[]> {
    if (!normalized) return Promise.resolve([]);
    return this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('lower(trim(u.email)) = :email', { email: normalized })
      .andWhere('u.status = :status', { status: 'active' })
      .getMany();
  }

  /** A new link; the account's earlier unused links go (only the latest mail works). */
  issue(reset: PasswordResetEntity): void {
    writeAtomically(this.dataSource, (db) => {
      db.prepare(`DELETE FROM "password_reset" WHERE "user_id" = ? AND "used_at" IS NULL`).run(reset.userId);
      db.prepare(
        `INSERT INTO "password_reset" ("token_hash", "user_id", "created_at", "expires_at", "used_at") VALUES (?, ?, ?, ?, NULL)`,
      ).run(reset.tokenHash, reset.userId, sqliteDatetime(reset.createdAt), sqliteDatetime(reset.expiresAt));
    });
  }

  findByHash(tokenHash: string): Promise<PasswordResetEntity | null> {
    return this.table.findOneBy({ tokenHash });
  }

  /**
   * Consumes the link and sets the password in one write transaction. The conditional UPDATE is the
   * only check that counts: of two uses of one link, exactly one changes the row. The account's
   * sessions end in the same write, and its other links go; a suspended account is not reset.
   */
  consume(tokenHash: string, passwordHash: string, at: Date): ResetOutcome {
    const now = sqliteDatetime(at);
    return writeOrRollBack(this.dataSource, (db): ResetOutcome => {
      const used = db
        .prepare(
          `UPDATE "password_reset" SET "used_at" = ?
           WHERE "token_hash" = ? AND "used_at" IS NULL AND "expires_at" > ?`,
        )
        .run(now, tokenHash, now);
      if (used.changes !== 1) return 'gone';
      const row = db.prepare(`SELECT "user_id" FROM "password_reset" WHERE "token_hash" = ?`).get(tokenHash) as {
        user_id: string;
      };
      const changed = db
        .prepare(`UPDATE "user" SET "password_hash" = ? WHERE "id" = ? AND "status" = 'active'`)
        .run(passwordHash, row.user_id);
      // Rolls the use back too: a suspended account's link stays unused (and refused).
      if (changed.changes !== 1) throw new RollBack<ResetOutcome>('gone');
      db.prepare(`DELETE FROM "session" WHERE "user_id" = ?`).run(row.user_id);
      db.prepare(`DELETE FROM "password_reset" WHERE "user_id" = ? AND "token_hash" <> ?`).run(row.user_id, tokenHash);
      return 'reset';
    });
  }

  /** Used and expired links (kept a day after their expiry for the page's "already used" message). */
  async deleteOld(now: Date): Promise<void> {
    await this.dataSource.query(`DELETE FROM "password_reset" WHERE "expires_at" < ?`, [
      sqliteDatetime(new Date(now.getTime() - 24 * 3_600_000)),
    ]);
  }
}
