import { Injectable } from '@nestjs/common';
import { DataSource, MoreThan } from 'typeorm';
import { insertOrRollBack, sqliteDatetime, writeAtomically, writeOrRollBack } from '../database/write-transaction';
import type { UserEntity } from '../users/user.entity';
import { MemberInvitationEntity } from './member-invitation.entity';

export type MemberAcceptOutcome = 'accepted' | 'gone' | 'usernameTaken';

@Injectable()
export class MemberInvitationRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(MemberInvitationEntity);
  }

  async insert(invitation: MemberInvitationEntity): Promise<void> {
    await this.repo.insert(invitation);
  }

  findByHash(tokenHash: string): Promise<MemberInvitationEntity | null> {
    return this.repo.findOneBy({ tokenHash });
  }

  /** Links not yet expired, newest first (spent ones included: the card shows them as used up). */
  listUnexpired(now: Date): Promise<MemberInvitationEntity[]> {
    return this.repo.find({ where: { expiresAt: MoreThan(now) }, order: { createdAt: 'DESC' } });
  }

  /** Deletes a link: it stops working at once. False when there was none. */
  revoke(tokenHash: string): boolean {
    return writeAtomically(
      this.dataSource,
      (db) => db.prepare(`DELETE FROM "member_invitation" WHERE "token_hash" = ?`).run(tokenHash).changes === 1,
    );
  }

  /**
   * Takes one use of the link and creates the member, in one write transaction. The conditional
   * UPDATE is the only check that counts: it touches the row only while a use remains and the link
   * has not expired, so of concurrent accepts of a single-use link exactly one gets through and the
   * others change nothing. A username taken meanwhile rolls the use back, so the link still works.
   */
  accept(tokenHash: string, member: UserEntity, at: Date): MemberAcceptOutcome {
    const now = sqliteDatetime(at);
    return writeOrRollBack(this.dataSource, (db): MemberAcceptOutcome => {
      const used = db
        .prepare(
          `UPDATE "member_invitation" SET "uses" = "uses" + 1
           WHERE "token_hash" = ? AND "uses" < "max_uses" AND "expires_at" > ?`,
        )
        .run(tokenHash, now);
      if (used.changes !== 1) return 'gone';
      insertOrRollBack(
        () =>
          db
            .prepare(
              `INSERT INTO "user" ("id", "username", "email", "password_hash", "role", "status", "display_name", "created_at")
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(
              member.id,
              member.username,
              member.email,
              member.passwordHash,
              member.role,
              member.status,
              member.displayName,
              sqliteDatetime(member.createdAt),
            ),
        'usernameTaken',
      );
      return 'accepted';
    });
  }
}
