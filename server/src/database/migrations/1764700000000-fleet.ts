import { MigrationInterface, QueryRunner } from 'typeorm';

/** The upstream's fleet (issue 12). Created in both modes; only an upstream writes to them. */
export class Fleet1764700000000 implements MigrationInterface {
  name = 'Fleet1764700000000';

  async up(q: QueryRunner): Promise<void> {
    // Only the token's hash; used_at/appliance_id set by the one conditional UPDATE that spends it.
    await q.query(`CREATE TABLE "fleet_enrollment_token" (
      "id" text PRIMARY KEY NOT NULL, "community" text NOT NULL, "token_hash" text NOT NULL UNIQUE,
      "created_at" datetime NOT NULL, "expires_at" datetime NOT NULL,
      "used_at" datetime, "revoked_at" datetime, "appliance_id" text)`);
    await q.query(`CREATE TABLE "fleet_appliance" (
      "id" text PRIMARY KEY NOT NULL, "name" text NOT NULL, "public_key" text NOT NULL,
      "fingerprint" text NOT NULL, "status" text NOT NULL CHECK ("status" IN ('active', 'revoked', 'left')),
      "enrolled_at" datetime NOT NULL, "last_seen_at" datetime, "version" text NOT NULL,
      "services" text NOT NULL, "disk_free_bytes" integer, "last_backup_at" datetime)`);
    // The primary key is what refuses a replayed nonce (an INSERT that must add one row).
    await q.query(`CREATE TABLE "fleet_link_nonce" (
      "signer" text NOT NULL, "nonce" text NOT NULL, "expires_at" datetime NOT NULL,
      PRIMARY KEY ("signer", "nonce"))`);
    await q.query(`CREATE INDEX "fleet_link_nonce_expiry" ON "fleet_link_nonce" ("expires_at")`);
    await q.query(`CREATE TABLE "fleet_command" (
      "id" text PRIMARY KEY NOT NULL,
      "appliance_id" text NOT NULL REFERENCES "fleet_appliance" ("id") ON DELETE CASCADE,
      "type" text NOT NULL, "params" text NOT NULL, "issued_at" datetime NOT NULL,
      "expires_at" datetime NOT NULL, "signature" text NOT NULL,
      "status" text NOT NULL CHECK ("status" IN ('pending', 'done', 'failed', 'refused', 'expired')),
      "detail" text, "result" text, "acked_at" datetime)`);
    await q.query(`CREATE INDEX "fleet_command_appliance" ON "fleet_command" ("appliance_id", "issued_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "fleet_command"`);
    await q.query(`DROP TABLE "fleet_link_nonce"`);
    await q.query(`DROP TABLE "fleet_appliance"`);
    await q.query(`DROP TABLE "fleet_enrollment_token"`);
  }
}
