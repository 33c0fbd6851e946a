import { MigrationInterface, QueryRunner } from 'typeorm';

export class Oidc1764520000000 implements MigrationInterface {
  name = 'Oidc1764520000000';

  async up(q: QueryRunner): Promise<void> {
    // The community's OpenID provider's state (oidc/oidc-payload.entity.ts says what is kept and why).
    await q.query(`CREATE TABLE "oidc_payload" (
      "model" text NOT NULL, "id" text NOT NULL, "payload" text NOT NULL,
      "grant_id" text, "uid" text, "user_code" text, "account_id" text,
      "expires_at" datetime, "consumed_at" datetime,
      PRIMARY KEY ("model", "id"))`);
    await q.query(`CREATE INDEX "oidc_payload_grant" ON "oidc_payload" ("grant_id")`);
    await q.query(`CREATE INDEX "oidc_payload_uid" ON "oidc_payload" ("uid")`);
    await q.query(`CREATE INDEX "oidc_payload_account" ON "oidc_payload" ("account_id")`);
    await q.query(`CREATE INDEX "oidc_payload_expiry" ON "oidc_payload" ("expires_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "oidc_payload"`);
  }
}
