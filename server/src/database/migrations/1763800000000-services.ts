import { MigrationInterface, QueryRunner } from 'typeorm';

export class Services1763800000000 implements MigrationInterface {
  name = 'Services1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "job" (
      "id" text PRIMARY KEY NOT NULL, "kind" text NOT NULL, "target" text NOT NULL, "state" text NOT NULL,
      "progress" integer NOT NULL, "detail" text, "error" text,
      "created_at" datetime NOT NULL, "updated_at" datetime NOT NULL)`);
    await q.query(`CREATE INDEX "idx_job_target_state" ON "job" ("target", "state")`);
    // An admin's "stop" is desired state too: the reconciler must not start a stopped service again.
    await q.query(`ALTER TABLE "feature_setting" ADD COLUMN "desired_running" boolean NOT NULL DEFAULT (1)`);
    // The image each component runs, pinned at install; only an update job changes it.
    await q.query(`CREATE TABLE "component" (
      "id" text PRIMARY KEY NOT NULL, "image" text NOT NULL, "version" text NOT NULL, "updated_at" datetime NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "component"`);
    await q.query(`ALTER TABLE "feature_setting" DROP COLUMN "desired_running"`);
    await q.query(`DROP TABLE "job"`);
  }
}
