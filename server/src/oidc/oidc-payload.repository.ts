import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqliteDatetime, writeAtomically } from '../database/write-transaction';
import { Clock } from '../platform/clock';

/** oidc-provider's payloads are loose JSON objects; these are the fields the adapter indexes. */
export type OidcPayload = Record<string, unknown> & {
  grantId?: string;
  uid?: string;
  userCode?: string;
  accountId?: string;
  consumed?: unknown;
};

interface Row {
  payload: string;
  consumed_at: string | null;
}

function asString(value: unknown): string | null {
  return typeof value === 'string' && value ? value : null;
}

/** The provider's storage (oidc_payload), on the manager's SQLite. */
@Injectable()
export class OidcPayloadRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async upsert(model: string, id: string, payload: OidcPayload, expiresInSec: number | undefined): Promise<void> {
    const now = this.clock.now();
    const expiresAt = expiresInSec ? sqliteDatetime(new Date(now.getTime() + expiresInSec * 1000)) : null;
    await this.dataSource.query(
      `INSERT INTO "oidc_payload" ("model", "id", "payload", "grant_id", "uid", "user_code", "account_id", "expires_at")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT ("model", "id") DO UPDATE SET "payload" = excluded."payload", "grant_id" = excluded."grant_id",
         "uid" = excluded."uid", "user_code" = excluded."user_code", "account_id" = excluded."account_id",
         "expires_at" = excluded."expires_at"`,
      [
        model,
        id,
        JSON.stringify(payload),
        asString(payload.grantId),
        asString(payload.uid),
        asString(payload.userCode),
        asString(payload.accountId),
        expiresAt,
      ],
    );
    // Expired rows are never read again; each write sweeps them so the table stays small.
    await this.dataSource.query(`DELETE FROM "oidc_payload" WHERE "expires_at" <= ?`, [sqliteDatetime(now)]);
  }

  find(model: string, id: string): Promise<OidcPayload | undefined> {
    return this.findWhere(`"model" = ? AND "id" = ?`, [model, id]);
  }

  findByUid(model: string, uid: string): Promise<OidcPayload | undefined> {
    return this.findWhere(`"model" = ? AND "uid" = ?`, [model, uid]);
  }

  findByUserCode(model: string, userCode: string): Promise<OidcPayload | undefined> {
    return this.findWhere(`"model" = ? AND "user_code" = ?`, [model, userCode]);
  }

  /**
   * Marks a code used, in one conditional UPDATE: of two requests redeeming the same code at once,
   * exactly one gets true. The other is refused (oidc-consume in oidc.adapter.ts).
   */
  consume(model: string, id: string): boolean {
    const now = sqliteDatetime(this.clock.now());
    return writeAtomically(this.dataSource, (db) => {
      const result = db
        .prepare(
          `UPDATE "oidc_payload" SET "consumed_at" = ?
           WHERE "model" = ? AND "id" = ? AND "consumed_at" IS NULL AND ("expires_at" IS NULL OR "expires_at" > ?)`,
        )
        .run(now, model, id, now);
      return result.changes === 1;
    });
  }

  async destroy(model: string, id: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM "oidc_payload" WHERE "model" = ? AND "id" = ?`, [model, id]);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM "oidc_payload" WHERE "grant_id" = ?`, [grantId]);
  }

  /**
   * Signs an account out of the provider: its sessions, its grants and everything issued under them
   * go, so its next authorization starts from the sign-in again. Returns how many rows went.
   */
  deleteForAccount(accountId: string): number {
    return writeAtomically(this.dataSource, (db) => {
      const grants = db
        .prepare(
          `DELETE FROM "oidc_payload" WHERE "grant_id" IN
          (SELECT "id" FROM "oidc_payload" WHERE "model" = 'Grant' AND "account_id" = ?)`,
        )
        .run(accountId).changes;
      return grants + db.prepare(`DELETE FROM "oidc_payload" WHERE "account_id" = ?`).run(accountId).changes;
    });
  }

  private async findWhere(where: string, params: unknown[]): Promise<OidcPayload | undefined> {
    const rows = await this.dataSource.query<Row[]>(
      `SELECT "payload", "consumed_at" FROM "oidc_payload"
       WHERE ${where} AND ("expires_at" IS NULL OR "expires_at" > ?)`,
      [...params, sqliteDatetime(this.clock.now())],
    );
    const row = rows[0];
    if (!row) return undefined;
    const payload = JSON.parse(row.payload) as OidcPayload;
    return row.consumed_at ? { ...payload, consumed: Math.floor(Date.parse(`${row.consumed_at}Z`) / 1000) } : payload;
  }
}
