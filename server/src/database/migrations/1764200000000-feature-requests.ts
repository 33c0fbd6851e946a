import { MigrationInterface, QueryRunner } from 'typeorm';

export class FeatureRequests1764200000000 implements MigrationInterface {
  name = 'FeatureRequests1764200000000';

  async up(q: QueryRunner): Promise<void> {
    // An admin's "delete the data" outlives the job: a manager that dies half way finishes it on the next reconcile.
    await q.query(`ALTER TABLE "feature_setting" ADD COLUMN "delete_data" boolean NOT NULL DEFAULT (0)`);
    // A restart asked for and not yet carried out; cleared by the reconcile that restarted the containers.
    await q.query(`ALTER TABLE "feature_setting" ADD COLUMN "restart_requested_at" datetime`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "feature_setting" DROP COLUMN "restart_requested_at"`);
    await q.query(`ALTER TABLE "feature_setting" DROP COLUMN "delete_data"`);
  }
}
