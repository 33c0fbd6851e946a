import { MigrationInterface, QueryRunner } from 'typeorm';

/** An upstream's off-site storage (issue 12): one REST credential per enrolled appliance, hashed. */
export class FleetOffsite1764900000000 implements MigrationInterface {
  name = 'FleetOffsite1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "fleet_offsite_credential" (
      "appliance_id" text PRIMARY KEY NOT NULL REFERENCES "fleet_appliance" ("id") ON DELETE CASCADE,
      "secret_hash" text NOT NULL, "issued_at" datetime NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "fleet_offsite_credential"`);
  }
}
