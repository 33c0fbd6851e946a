import { MigrationInterface, QueryRunner } from 'typeorm';

/** Postgres's twin of migrations/1765100000000-first-steps (when the first-run checklist was hidden). */
export class PostgresFirstSteps1765100000000 implements MigrationInterface {
  name = 'PostgresFirstSteps1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "installation" ADD COLUMN "first_steps_dismissed_at" timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "installation" DROP COLUMN "first_steps_dismissed_at"`);
  }
}
