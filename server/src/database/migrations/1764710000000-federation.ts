import { MigrationInterface, QueryRunner } from 'typeorm';

export class Federation1764710000000 implements MigrationInterface {
  name = 'Federation1764710000000';

  async up(q: QueryRunner): Promise<void> {
    // The appliance's link to a mutualised host (issue 12): one row or none. Its private key is a 0600
    // file under secrets, never here; the upstream's public key is pinned here (not a secret).
    await q.query(`CREATE TABLE "federation_link" (
      "id" integer PRIMARY KEY NOT NULL CHECK ("id" = 1),
      "upstream_url" text NOT NULL, "upstream_name" text NOT NULL,
      "upstream_key" text NOT NULL, "upstream_fingerprint" text NOT NULL,
      "appliance_id" text NOT NULL, "enrolled_at" datetime NOT NULL,
      "last_contact_at" datetime, "last_error" text, "revoked_at" datetime)`);
    // Commands already taken: the primary key is the de-duplication (one INSERT that must add a row).
    await q.query(`CREATE TABLE "federation_command" (
      "id" text PRIMARY KEY NOT NULL, "type" text NOT NULL, "received_at" datetime NOT NULL,
      "outcome" text, "detail" text, "job_id" text, "acked_at" datetime)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "federation_command"`);
    await q.query(`DROP TABLE "federation_link"`);
  }
}
