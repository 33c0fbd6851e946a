import { MigrationInterface, QueryRunner } from 'typeorm';

export class ImageRecords1764100000000 implements MigrationInterface {
  name = 'ImageRecords1764100000000';

  async up(q: QueryRunner): Promise<void> {
    // The image first seen behind each reference (trust on first use), and the last one refused.
    await q.query(`CREATE TABLE "image_record" (
      "kind" text NOT NULL, "reference" text NOT NULL, "service_id" text, "image_id" text NOT NULL, "repo_digest" text,
      "recorded_at" datetime NOT NULL, "refused_image_id" text, "refused_repo_digest" text, "refused_at" datetime,
      PRIMARY KEY ("kind", "reference"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "image_record"`);
  }
}
