import { MigrationInterface, QueryRunner } from 'typeorm';

export class SignUp1764800000000 implements MigrationInterface {
  name = 'SignUp1764800000000';

  async up(q: QueryRunner): Promise<void> {
    // Open sign-up (issue 11): one row or none; none means off, the default. Requests themselves are
    // users with the status 'pending' (user.entity.ts), so usernames stay unique across both.
    await q.query(`CREATE TABLE "sign_up_settings" (
      "id" integer PRIMARY KEY NOT NULL CHECK ("id" = 1),
      "open" boolean NOT NULL, "updated_at" datetime NOT NULL)`);
    // The cap on pending requests is counted at every sign-up.
    await q.query(`CREATE INDEX "user_status" ON "user" ("status")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "user_status"`);
    // Requests never approved go with the feature.
    await q.query(`DELETE FROM "user" WHERE "status" = 'pending'`);
    await q.query(`DROP TABLE "sign_up_settings"`);
  }
}
