import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The link to a mutualised host (issue 12) remembers two things more:
 * - whether the host's off-site place is made yet: a host that did not answer at join time is asked
 *   again after each heartbeat. Links from before are asked once more, which makes the place if they
 *   joined before the hub kept off-site copies (making it again is harmless);
 * - when the local admin confirmed it: a link made on first boot from a pre-provisioned enrollment
 *   file waits for that before it sends anything. Links from before were joined by an admin.
 */
export class LinkOffsiteConfirm1765000000000 implements MigrationInterface {
  name = 'LinkOffsiteConfirm1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "federation_link" ADD COLUMN "offsite_pending" boolean NOT NULL DEFAULT (1)`);
    await q.query(`ALTER TABLE "federation_link" ADD COLUMN "confirmed_at" datetime`);
    await q.query(`UPDATE "federation_link" SET "confirmed_at" = "enrolled_at"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "federation_link" DROP COLUMN "confirmed_at"`);
    await q.query(`ALTER TABLE "federation_link" DROP COLUMN "offsite_pending"`);
  }
}
