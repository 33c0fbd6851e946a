import { MigrationInterface, QueryRunner } from 'typeorm';

export class BackupTargetS31764720000000 implements MigrationInterface {
  name = 'BackupTargetS31764720000000';

  async up(q: QueryRunner): Promise<void> {
    // S3 places: path-style requests or not (null for the other kinds); their keys are a 0600 file.
    await q.query(`ALTER TABLE "backup_target" ADD COLUMN "s3_path_style" boolean`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "backup_target" DROP COLUMN "s3_path_style"`);
  }
}
