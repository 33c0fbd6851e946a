import { MigrationInterface, QueryRunner } from 'typeorm';

/** Postgres's twin of migrations/1765000000000-link-offsite-confirm (the link's off-site and consent columns). */
export class PostgresLinkOffsiteConfirm1765000000000 implements MigrationInterface {
  name = 'PostgresLinkOffsiteConfirm1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "federation_link" ADD COLUMN "offsite_pending" boolean NOT NULL DEFAULT true`);
    await q.query(`ALTER TABLE "federation_link" ADD COLUMN "confirmed_at" timestamptz`);
    await q.query(`UPDATE "federation_link" SET "confirmed_at" = "enrolled_at"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "federation_link" DROP COLUMN "confirmed_at"`);
    await q.query(`ALTER TABLE "federation_link" DROP COLUMN "offsite_pending"`);
  }
}
