import { MigrationInterface, QueryRunner } from 'typeorm';

export class Mail1764600000000 implements MigrationInterface {
  name = 'Mail1764600000000';

  async up(q: QueryRunner): Promise<void> {
    // The outgoing-mail relay: one row or none. Its password is a 0600 file under secrets, never here.
    await q.query(`CREATE TABLE "mail_settings" (
      "id" integer PRIMARY KEY NOT NULL CHECK ("id" = 1),
      "host" text NOT NULL, "port" integer NOT NULL, "security" text NOT NULL,
      "username" text, "from_address" text NOT NULL, "from_name" text,
      "updated_at" datetime NOT NULL)`);
    // Password resets by mail: only the token's hash; used_at set by the one UPDATE that consumes it.
    await q.query(`CREATE TABLE "password_reset" (
      "token_hash" text PRIMARY KEY NOT NULL,
      "user_id" text NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE,
      "created_at" datetime NOT NULL, "expires_at" datetime NOT NULL, "used_at" datetime)`);
    await q.query(`CREATE INDEX "password_reset_user" ON "password_reset" ("user_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "password_reset"`);
    await q.query(`DROP TABLE "mail_settings"`);
  }
}
