import { MigrationInterface, QueryRunner } from 'typeorm';

export class BackupTargets1764335000000 implements MigrationInterface {
  name = 'BackupTargets1764335000000';

  async up(q: QueryRunner): Promise<void> {
    // Off-site backup targets, each with its own retention (null: keep everything); no credentials here.
    await q.query(`CREATE TABLE "backup_target" (
      "id" text PRIMARY KEY NOT NULL, "label" text NOT NULL, "kind" text NOT NULL, "location" text NOT NULL,
      "enabled" boolean NOT NULL, "keep_daily" integer, "keep_weekly" integer, "keep_monthly" integer,
      "last_attempt_at" datetime, "last_success_at" datetime, "last_error_key" text, "last_error_detail" text,
      "recovery_key_at" datetime,
      "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "backup_target"`);
  }
}
