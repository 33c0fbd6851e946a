import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1763700000000 implements MigrationInterface {
  name = 'Initial1763700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "installation" (
      "id" integer PRIMARY KEY NOT NULL CHECK ("id" = 1),
      "community_name" text NOT NULL, "color" text NOT NULL, "logo" text,
      "domain" text NOT NULL, "language" text NOT NULL, "appliance_id" text NOT NULL,
      "completed_at" datetime NOT NULL)`);
    await q.query(`CREATE TABLE "feature_setting" (
      "id" text PRIMARY KEY NOT NULL, "enabled" boolean NOT NULL, "updated_at" datetime NOT NULL)`);
    await q.query(`CREATE TABLE "user" (
      "id" text PRIMARY KEY NOT NULL, "username" text NOT NULL UNIQUE, "email" text NOT NULL,
      "password_hash" text NOT NULL, "role" text NOT NULL, "created_at" datetime NOT NULL)`);
    await q.query(`CREATE TABLE "session" (
      "token_hash" text PRIMARY KEY NOT NULL,
      "user_id" text NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE,
      "csrf_token" text NOT NULL, "created_at" datetime NOT NULL, "expires_at" datetime NOT NULL)`);
    await q.query(`CREATE INDEX "idx_session_user" ON "session" ("user_id")`);
    await q.query(`CREATE TABLE "invitation" (
      "token_hash" text PRIMARY KEY NOT NULL, "email" text NOT NULL,
      "invited_by" text NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE,
      "created_at" datetime NOT NULL, "expires_at" datetime NOT NULL, "accepted_at" datetime)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['invitation', 'session', 'user', 'feature_setting', 'installation']) {
      await q.query(`DROP TABLE "${table}"`);
    }
  }
}
