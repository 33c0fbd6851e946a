import { MigrationInterface, QueryRunner } from 'typeorm';

export class BackupRuns1764310000000 implements MigrationInterface {
  name = 'BackupRuns1764310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "backup_run" ("id" text PRIMARY KEY NOT NULL, "job_id" text NOT NULL, "state" text NOT NULL, ` +
        `"scopes" text NOT NULL, "started_at" datetime NOT NULL, "finished_at" datetime, ` +
        `"size_bytes" integer NOT NULL DEFAULT (0), "error_key" text, ` +
        `"error_params" text, "error_detail" text)`,
    );
    await q.query(`CREATE INDEX "backup_run_started_at" ON "backup_run" ("started_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "backup_run_started_at"`);
    await q.query(`DROP TABLE "backup_run"`);
  }
}
