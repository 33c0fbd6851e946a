import { MigrationInterface, QueryRunner } from 'typeorm';

/** The dashboard's first-run checklist (issue 14): when an admin hid it, for the whole installation. */
export class FirstSteps1765100000000 implements MigrationInterface {
  name = 'FirstSteps1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "installation" ADD COLUMN "first_steps_dismissed_at" datetime`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "installation" DROP COLUMN "first_steps_dismissed_at"`);
  }
}
