import { MigrationInterface, QueryRunner } from 'typeorm';

export class Members1764400000000 implements MigrationInterface {
  name = 'Members1764400000000';

  async up(q: QueryRunner): Promise<void> {
    // Members are users with the role 'member' (user.entity.ts says why); existing admins stay active.
    await q.query(`ALTER TABLE "user" ADD COLUMN "status" text NOT NULL DEFAULT 'active'`);
    await q.query(`ALTER TABLE "user" ADD COLUMN "display_name" text`);
    // Member invitations are their own table, never the admins' (member-invitation.entity.ts says why).
    // The CHECK backs the conditional UPDATE that spends a use: a link is never used more than allowed.
    await q.query(`CREATE TABLE "member_invitation" (
      "token_hash" text PRIMARY KEY NOT NULL, "kind" text NOT NULL,
      "max_uses" integer NOT NULL, "uses" integer NOT NULL DEFAULT 0,
      "created_by" text NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE,
      "created_at" datetime NOT NULL, "expires_at" datetime NOT NULL,
      CHECK ("uses" >= 0 AND "uses" <= "max_uses"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "member_invitation"`);
    await q.query(`DELETE FROM "user" WHERE "role" <> 'admin'`);
    await q.query(`ALTER TABLE "user" DROP COLUMN "display_name"`);
    await q.query(`ALTER TABLE "user" DROP COLUMN "status"`);
  }
}
