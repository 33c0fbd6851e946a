import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole schema of the SQLite migrations up to FleetOffsite1764900000000, in Postgres types, for an
 * upstream on DATABASE_URL: timestamptz for datetime, bigint for integer (disk sizes pass 2^31),
 * boolean. Every table is created, the appliance's too, so the entities' metadata matches them all.
 * A later schema change adds a migration to both lists (data-source.ts).
 */
export class PostgresInitial1764900000000 implements MigrationInterface {
  name = 'PostgresInitial1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "user" (
  "id" text PRIMARY KEY NOT NULL, "username" text NOT NULL UNIQUE, "email" text NOT NULL,
  "password_hash" text NOT NULL, "role" text NOT NULL, "created_at" timestamptz NOT NULL, "status" text NOT NULL DEFAULT 'active', "display_name" text)`);
    await q.query(
      `CREATE TABLE "backup_run" ("id" text PRIMARY KEY NOT NULL, "job_id" text NOT NULL, "state" text NOT NULL, "scopes" text NOT NULL, "started_at" timestamptz NOT NULL, "finished_at" timestamptz, "size_bytes" bigint NOT NULL DEFAULT 0, "error_key" text, "error_params" text, "error_detail" text)`,
    );
    await q.query(`CREATE TABLE "backup_settings" (
  "id" bigint PRIMARY KEY NOT NULL, "enabled" boolean NOT NULL, "time" text NOT NULL, "days" text NOT NULL,
  "keep_daily" bigint NOT NULL, "keep_weekly" bigint NOT NULL, "keep_monthly" bigint NOT NULL,
  "checked_at" timestamptz, "check_subset" text, "check_job_id" text, "check_error" text)`);
    await q.query(`CREATE TABLE "backup_target" (
  "id" text PRIMARY KEY NOT NULL, "label" text NOT NULL, "kind" text NOT NULL, "location" text NOT NULL,
  "enabled" boolean NOT NULL, "keep_daily" bigint, "keep_weekly" bigint, "keep_monthly" bigint,
  "last_attempt_at" timestamptz, "last_success_at" timestamptz, "last_error_key" text, "last_error_detail" text,
  "recovery_key_at" timestamptz,
  "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "s3_path_style" boolean)`);
    await q.query(`CREATE TABLE "component" (
  "id" text PRIMARY KEY NOT NULL, "image" text NOT NULL, "version" text NOT NULL, "updated_at" timestamptz NOT NULL)`);
    await q.query(`CREATE TABLE "feature_setting" (
  "id" text PRIMARY KEY NOT NULL, "enabled" boolean NOT NULL, "updated_at" timestamptz NOT NULL, "desired_running" boolean NOT NULL DEFAULT true, "delete_data" boolean NOT NULL DEFAULT false, "restart_requested_at" timestamptz)`);
    await q.query(`CREATE TABLE "federation_command" (
  "id" text PRIMARY KEY NOT NULL, "type" text NOT NULL, "received_at" timestamptz NOT NULL,
  "outcome" text, "detail" text, "job_id" text, "acked_at" timestamptz)`);
    await q.query(`CREATE TABLE "federation_link" (
  "id" bigint PRIMARY KEY NOT NULL CHECK ("id" = 1),
  "upstream_url" text NOT NULL, "upstream_name" text NOT NULL,
  "upstream_key" text NOT NULL, "upstream_fingerprint" text NOT NULL,
  "appliance_id" text NOT NULL, "enrolled_at" timestamptz NOT NULL,
  "last_contact_at" timestamptz, "last_error" text, "revoked_at" timestamptz)`);
    await q.query(`CREATE TABLE "fleet_appliance" (
  "id" text PRIMARY KEY NOT NULL, "name" text NOT NULL, "public_key" text NOT NULL,
  "fingerprint" text NOT NULL, "status" text NOT NULL CHECK ("status" IN ('active', 'revoked', 'left')),
  "enrolled_at" timestamptz NOT NULL, "last_seen_at" timestamptz, "version" text NOT NULL,
  "services" text NOT NULL, "disk_free_bytes" bigint, "last_backup_at" timestamptz)`);
    await q.query(`CREATE TABLE "fleet_command" (
  "id" text PRIMARY KEY NOT NULL,
  "appliance_id" text NOT NULL REFERENCES "fleet_appliance" ("id") ON DELETE CASCADE,
  "type" text NOT NULL, "params" text NOT NULL, "issued_at" timestamptz NOT NULL,
  "expires_at" timestamptz NOT NULL, "signature" text NOT NULL,
  "status" text NOT NULL CHECK ("status" IN ('pending', 'done', 'failed', 'refused', 'expired')),
  "detail" text, "result" text, "acked_at" timestamptz)`);
    await q.query(`CREATE TABLE "fleet_enrollment_token" (
  "id" text PRIMARY KEY NOT NULL, "community" text NOT NULL, "token_hash" text NOT NULL UNIQUE,
  "created_at" timestamptz NOT NULL, "expires_at" timestamptz NOT NULL,
  "used_at" timestamptz, "revoked_at" timestamptz, "appliance_id" text)`);
    await q.query(`CREATE TABLE "fleet_link_nonce" (
  "signer" text NOT NULL, "nonce" text NOT NULL, "expires_at" timestamptz NOT NULL,
  PRIMARY KEY ("signer", "nonce"))`);
    await q.query(`CREATE TABLE "fleet_offsite_credential" (
  "appliance_id" text PRIMARY KEY NOT NULL REFERENCES "fleet_appliance" ("id") ON DELETE CASCADE,
  "secret_hash" text NOT NULL, "issued_at" timestamptz NOT NULL)`);
    await q.query(`CREATE TABLE "image_record" (
  "kind" text NOT NULL, "reference" text NOT NULL, "service_id" text, "image_id" text NOT NULL, "repo_digest" text,
  "recorded_at" timestamptz NOT NULL, "refused_image_id" text, "refused_repo_digest" text, "refused_at" timestamptz,
  PRIMARY KEY ("kind", "reference"))`);
    await q.query(`CREATE TABLE "installation" (
  "id" bigint PRIMARY KEY NOT NULL CHECK ("id" = 1),
  "community_name" text NOT NULL, "color" text NOT NULL, "logo" text,
  "domain" text NOT NULL, "language" text NOT NULL, "appliance_id" text NOT NULL,
  "completed_at" timestamptz NOT NULL, "starting_rooms" text)`);
    await q.query(`CREATE TABLE "invitation" (
  "token_hash" text PRIMARY KEY NOT NULL, "email" text NOT NULL,
  "invited_by" text NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE,
  "created_at" timestamptz NOT NULL, "expires_at" timestamptz NOT NULL, "accepted_at" timestamptz)`);
    await q.query(`CREATE TABLE "job" (
  "id" text PRIMARY KEY NOT NULL, "kind" text NOT NULL, "target" text NOT NULL, "state" text NOT NULL,
  "progress" bigint NOT NULL, "created_at" timestamptz NOT NULL, "updated_at" timestamptz NOT NULL, "stage" text NOT NULL DEFAULT 'queued', "stage_params" text NOT NULL DEFAULT '{}', "result_key" text, "result_params" text, "error_key" text, "error_params" text, "error_detail" text)`);
    await q.query(`CREATE TABLE "mail_settings" (
  "id" bigint PRIMARY KEY NOT NULL CHECK ("id" = 1),
  "host" text NOT NULL, "port" bigint NOT NULL, "security" text NOT NULL,
  "username" text, "from_address" text NOT NULL, "from_name" text,
  "updated_at" timestamptz NOT NULL)`);
    await q.query(`CREATE TABLE "member_invitation" (
  "token_hash" text PRIMARY KEY NOT NULL, "kind" text NOT NULL,
  "max_uses" bigint NOT NULL, "uses" bigint NOT NULL DEFAULT 0,
  "created_by" text NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE,
  "created_at" timestamptz NOT NULL, "expires_at" timestamptz NOT NULL,
  CHECK ("uses" >= 0 AND "uses" <= "max_uses"))`);
    await q.query(`CREATE TABLE "oidc_payload" (
  "model" text NOT NULL, "id" text NOT NULL, "payload" text NOT NULL,
  "grant_id" text, "uid" text, "user_code" text, "account_id" text,
  "expires_at" timestamptz, "consumed_at" timestamptz,
  PRIMARY KEY ("model", "id"))`);
    await q.query(`CREATE TABLE "password_reset" (
  "token_hash" text PRIMARY KEY NOT NULL,
  "user_id" text NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE,
  "created_at" timestamptz NOT NULL, "expires_at" timestamptz NOT NULL, "used_at" timestamptz)`);
    await q.query(`CREATE TABLE "session" (
  "token_hash" text PRIMARY KEY NOT NULL,
  "user_id" text NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE,
  "csrf_token" text NOT NULL, "created_at" timestamptz NOT NULL, "expires_at" timestamptz NOT NULL)`);
    await q.query(`CREATE TABLE "sign_up_settings" (
  "id" bigint PRIMARY KEY NOT NULL CHECK ("id" = 1),
  "open" boolean NOT NULL, "updated_at" timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX "backup_run_started_at" ON "backup_run" ("started_at")`);
    await q.query(`CREATE INDEX "fleet_command_appliance" ON "fleet_command" ("appliance_id", "issued_at")`);
    await q.query(`CREATE INDEX "fleet_link_nonce_expiry" ON "fleet_link_nonce" ("expires_at")`);
    await q.query(`CREATE INDEX "idx_job_target_state" ON "job" ("target", "state")`);
    await q.query(`CREATE INDEX "idx_session_user" ON "session" ("user_id")`);
    await q.query(`CREATE INDEX "oidc_payload_account" ON "oidc_payload" ("account_id")`);
    await q.query(`CREATE INDEX "oidc_payload_expiry" ON "oidc_payload" ("expires_at")`);
    await q.query(`CREATE INDEX "oidc_payload_grant" ON "oidc_payload" ("grant_id")`);
    await q.query(`CREATE INDEX "oidc_payload_uid" ON "oidc_payload" ("uid")`);
    await q.query(`CREATE INDEX "password_reset_user" ON "password_reset" ("user_id")`);
    await q.query(`CREATE INDEX "user_status" ON "user" ("status")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "sign_up_settings"`);
    await q.query(`DROP TABLE "session"`);
    await q.query(`DROP TABLE "password_reset"`);
    await q.query(`DROP TABLE "oidc_payload"`);
    await q.query(`DROP TABLE "member_invitation"`);
    await q.query(`DROP TABLE "mail_settings"`);
    await q.query(`DROP TABLE "job"`);
    await q.query(`DROP TABLE "invitation"`);
    await q.query(`DROP TABLE "installation"`);
    await q.query(`DROP TABLE "image_record"`);
    await q.query(`DROP TABLE "fleet_offsite_credential"`);
    await q.query(`DROP TABLE "fleet_link_nonce"`);
    await q.query(`DROP TABLE "fleet_enrollment_token"`);
    await q.query(`DROP TABLE "fleet_command"`);
    await q.query(`DROP TABLE "fleet_appliance"`);
    await q.query(`DROP TABLE "federation_link"`);
    await q.query(`DROP TABLE "federation_command"`);
    await q.query(`DROP TABLE "feature_setting"`);
    await q.query(`DROP TABLE "component"`);
    await q.query(`DROP TABLE "backup_target"`);
    await q.query(`DROP TABLE "backup_settings"`);
    await q.query(`DROP TABLE "backup_run"`);
    await q.query(`DROP TABLE "user"`);
  }
}
