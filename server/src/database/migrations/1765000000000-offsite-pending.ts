import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The link remembers whether the host's off-site place is made yet (issue 12): a host that did not
 * answer at join time is asked again after each heartbeat. Links from before are asked once more, which
 * makes the place if they joined before the hub kept off-site copies (making it again is harmless).
 */
export class OffsitePending1765000000000 implements MigrationInterface {
  name = 'OffsitePending1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "federation_link" ADD COLUMN "offsite_pending" boolean NOT NULL DEFAULT (1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "federation_link" DROP COLUMN "offsite_pending"`);
  }
}
