import { MigrationInterface, QueryRunner } from 'typeorm';

export class StartingRooms1764730000000 implements MigrationInterface {
  name = 'StartingRooms1764730000000';

  async up(q: QueryRunner): Promise<void> {
    // The chat's starting rooms chosen in the wizard; null (every existing setup) keeps the default list.
    await q.query(`ALTER TABLE "installation" ADD COLUMN "starting_rooms" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "installation" DROP COLUMN "starting_rooms"`);
  }
}
