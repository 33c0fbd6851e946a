import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Job progress, results and errors become keys with parameters (the web app translates them). Old
 * rows keep their error text as the technical detail under the key `legacy`; their progress sentence
 * is dropped. Self-updates get their own kind.
 */
export class TypedJobs1764210000000 implements MigrationInterface {
  name = 'TypedJobs1764210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "job" ADD COLUMN "stage" text NOT NULL DEFAULT ('queued')`);
    await q.query(`ALTER TABLE "job" ADD COLUMN "stage_params" text NOT NULL DEFAULT ('{}')`);
    await q.query(`ALTER TABLE "job" ADD COLUMN "result_key" text`);
    await q.query(`ALTER TABLE "job" ADD COLUMN "result_params" text`);
    await q.query(`ALTER TABLE "job" ADD COLUMN "error_key" text`);
    await q.query(`ALTER TABLE "job" ADD COLUMN "error_params" text`);
    await q.query(`ALTER TABLE "job" ADD COLUMN "error_detail" text`);
    await q.query(
      `UPDATE "job" SET "error_key" = 'legacy', "error_params" = '{}', "error_detail" = "error" WHERE "error" IS NOT NULL`,
    );
    await q.query(`UPDATE "job" SET "stage" = 'done' WHERE "state" = 'succeeded'`);
    await q.query(`UPDATE "job" SET "kind" = 'selfUpdate' WHERE "kind" = 'update' AND "target" = 'appliance'`);
    await q.query(`ALTER TABLE "job" DROP COLUMN "detail"`);
    await q.query(`ALTER TABLE "job" DROP COLUMN "error"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "job" ADD COLUMN "detail" text`);
    await q.query(`ALTER TABLE "job" ADD COLUMN "error" text`);
    await q.query(
      `UPDATE "job" SET "error" = CASE WHEN "error_detail" IS NULL THEN "error_key" ELSE "error_key" || ': ' || "error_detail" END WHERE "error_key" IS NOT NULL`,
    );
    await q.query(`UPDATE "job" SET "kind" = 'update' WHERE "kind" = 'selfUpdate'`);
    for (const column of [
      'stage',
      'stage_params',
      'result_key',
      'result_params',
      'error_key',
      'error_params',
      'error_detail',
    ]) {
      await q.query(`ALTER TABLE "job" DROP COLUMN "${column}"`);
    }
  }
}
