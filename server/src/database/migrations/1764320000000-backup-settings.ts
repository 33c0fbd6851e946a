import { MigrationInterface, QueryRunner } from 'typeorm';

export class BackupSettings1764320000000 implements MigrationInterface {
  name = 'BackupSettings1764320000000';

  async up(q: QueryRunner): Promise<void> {
    // One row: the backup schedule and retention an admin saved, and the last integrity check.
    await q.query(`CREATE TABLE "backup_settings" (
      "id" integer PRIMARY KEY NOT NULL, "enabled" boolean NOT NULL, "time" text NOT NULL, "days" text NOT NULL,
      "keep_daily" integer NOT NULL, "keep_weekly" integer NOT NULL, "keep_monthly" integer NOT NULL,
      "checked_at" datetime, "check_subset" text, "check_job_id" text, "check_error" text)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "backup_settings"`);
  }
}
