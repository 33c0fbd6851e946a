import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { isDuplicate, sql, type Step, transact } from '../database/portable-sql';
import { RollBack } from '../database/write-transaction';
import { UserEntity } from './user.entity';
import { InvitationEntity } from './invitation.entity';

export type AcceptOutcome = 'accepted' | 'spent' | 'usernameTaken';
export type RevokeOutcome = 'revoked' | 'unknown' | 'spent';

@Injectable()
export class InvitationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(invitation: InvitationEntity): Promise<void> {
    await this.dataSource.getRepository(InvitationEntity).insert(invitation);
  }

  findByHash(tokenHash: string): Promise<InvitationEntity | null> {
    return this.dataSource.getRepository(InvitationEntity).findOneBy({ tokenHash });
  }

  /** Invitations neither accepted nor expired, oldest first. */
  listPending(now: Date): Promise<InvitationEntity[]> {
    return this.dataSource.getRepository(InvitationEntity).find({
      where: { acceptedAt: IsNull(), expiresAt: MoreThan(now) },
      order: { createdAt: 'ASC' },
    });
  }

  /**
   * Spends the invitation and creates the user in one transaction. The conditional UPDATE is the
   * only check that counts: of concurrent accepts, exactly one touches the row; the others change
   * nothing. A username taken meanwhile rolls the spending back, so the link still works.
   */
  accept(tokenHash: string, user: UserEntity, at: Date): Promise<AcceptOutcome> {
    return transact(this.dataSource, function* (): Step<AcceptOutcome> {
      const spent = yield* sql.run(
        `UPDATE "invitation" SET "accepted_at" = ?
         WHERE "token_hash" = ? AND "accepted_at" IS NULL AND "expires_at" > ?`,
        at,
        tokenHash,
        at,
      );
      if (spent !== 1) return 'spent';
      try {
        yield* sql.run(
          `INSERT INTO "user" ("id", "username", "email", "password_hash", "role", "created_at")
           VALUES (?, ?, ?, ?, ?, ?)`,
          user.id,
          user.username,
          user.email,
          user.passwordHash,
          user.role,
          user.createdAt,
        );
      } catch (error) {
        throw isDuplicate(error) ? new RollBack<AcceptOutcome>('usernameTaken') : error;
      }
      return 'accepted';
    });
  }

  /** Deletes a pending invitation; an accepted one is history and stays. */
  revoke(tokenHash: string): Promise<RevokeOutcome> {
    return transact(this.dataSource, function* (): Step<RevokeOutcome> {
      const deleted = yield* sql.run(
        `DELETE FROM "invitation" WHERE "token_hash" = ? AND "accepted_at" IS NULL`,
        tokenHash,
      );
      if (deleted === 1) return 'revoked';
      return (yield* sql.get(`SELECT 1 FROM "invitation" WHERE "token_hash" = ?`, tokenHash)) ? 'spent' : 'unknown';
    });
  }
}
