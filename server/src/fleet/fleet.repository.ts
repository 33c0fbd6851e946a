import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUniqueViolation, PreparedStatements, sqliteDatetime, writeAtomically } from '../database/write-transaction';
import type { Heartbeat } from '../fleet-link/link.types';
import { EnrollmentTokenEntity } from './enrollment-token.entity';
import { type ApplianceStatus, FleetApplianceEntity } from './fleet-appliance.entity';
import { type TokenState, tokenState } from './fleet.rules';

export type EnrollOutcome = { ok: true } | { ok: false; state: Exclude<TokenState, 'valid'> };

/** What checking an appliance's signed request needs of its row, read fresh on every request. */
export type ApplianceSigner = Pick<FleetApplianceEntity, 'id' | 'publicKey' | 'status'>;

/** Enrollment tokens, enrolled appliances and the nonces of their signed requests. */
@Injectable()
export class FleetRepository {
  private readonly statements: PreparedStatements;

  constructor(private readonly dataSource: DataSource) {
    this.statements = new PreparedStatements(dataSource);
  }

  private get tokens() {
    return this.dataSource.getRepository(EnrollmentTokenEntity);
  }

  private get appliances() {
    return this.dataSource.getRepository(FleetApplianceEntity);
  }

  async insertToken(token: EnrollmentTokenEntity): Promise<void> {
    await this.tokens.insert(token);
  }

  listTokens(): Promise<EnrollmentTokenEntity[]> {
    return this.tokens.find({ order: { createdAt: 'DESC' }, take: 200 });
  }

  findToken(id: string): Promise<EnrollmentTokenEntity | null> {
    return this.tokens.findOneBy({ id });
  }

  /** Revokes an unused token; false when it was used (or revoked) first. */
  revokeToken(id: string, at: Date): boolean {
    return writeAtomically(this.dataSource, (db) => {
      const changed = db
        .prepare(
          `UPDATE "fleet_enrollment_token" SET "revoked_at" = ? WHERE "id" = ? AND "used_at" IS NULL AND "revoked_at" IS NULL`,
        )
        .run(sqliteDatetime(at), id);
      return changed.changes === 1;
    });
  }

  /**
   * Spends the token and registers the appliance in one write transaction. The conditional UPDATE is
   * the only check that counts: of two enrollments with one code, exactly one changes the row.
   */
  enroll(tokenHash: string, appliance: FleetApplianceEntity, now: Date): EnrollOutcome {
    const at = sqliteDatetime(now);
    return writeAtomically(this.dataSource, (db) => {
      const spent = db
        .prepare(
          `UPDATE "fleet_enrollment_token" SET "used_at" = ?, "appliance_id" = ?
           WHERE "token_hash" = ? AND "used_at" IS NULL AND "revoked_at" IS NULL AND "expires_at" > ?`,
        )
        .run(at, appliance.id, tokenHash, at);
      if (spent.changes !== 1) {
        const row = db
          .prepare(`SELECT "used_at", "revoked_at", "expires_at" FROM "fleet_enrollment_token" WHERE "token_hash" = ?`)
          .get(tokenHash) as { used_at: string | null; revoked_at: string | null; expires_at: string } | undefined;
        const state = tokenState(
          row
            ? {
                usedAt: row.used_at ? fromSqlite(row.used_at) : null,
                revokedAt: row.revoked_at ? fromSqlite(row.revoked_at) : null,
                expiresAt: fromSqlite(row.expires_at),
              }
            : null,
          now,
        );
        // The UPDATE refused it, so it cannot be spent, whatever the clock said in between.
        return { ok: false, state: state === 'valid' ? 'expired' : state };
      }
      db.prepare(
        `INSERT INTO "fleet_appliance" ("id", "name", "public_key", "fingerprint", "status", "enrolled_at",
           "last_seen_at", "version", "services", "disk_free_bytes", "last_backup_at")
         VALUES (?, COALESCE(NULLIF(?, ''), (SELECT "community" FROM "fleet_enrollment_token" WHERE "token_hash" = ?)),
           ?, ?, 'active', ?, ?, ?, '[]', NULL, NULL)`,
      ).run(
        appliance.id,
        appliance.name,
        tokenHash,
        appliance.publicKey,
        appliance.fingerprint,
        at,
        at,
        appliance.version,
      );
      return { ok: true };
    });
  }

  findAppliance(id: string): Promise<FleetApplianceEntity | null> {
    return this.appliances.findOneBy({ id });
  }

  listAppliances(): Promise<FleetApplianceEntity[]> {
    return this.appliances.find({ order: { name: 'ASC' } });
  }

  /** The hot path of every signed request: one prepared SELECT of three columns. */
  findSigner(id: string): ApplianceSigner | null {
    const row = this.statements
      .get(`SELECT "id", "public_key", "status" FROM "fleet_appliance" WHERE "id" = ?`)
      .get(id) as { id: string; public_key: string; status: ApplianceStatus } | undefined;
    return row ? { id: row.id, publicKey: row.public_key, status: row.status } : null;
  }

  /**
   * Stores the beat, expires the appliance's overdue commands and counts the pending ones, in one
   * write transaction of prepared statements (the upstream's most frequent write).
   */
  heartbeat(id: string, beat: Heartbeat, at: Date): number {
    const now = sqliteDatetime(at);
    return writeAtomically(this.dataSource, () => {
      this.statements
        .get(
          `UPDATE "fleet_appliance" SET "last_seen_at" = ?, "version" = ?, "services" = ?, "disk_free_bytes" = ?,
             "last_backup_at" = ? WHERE "id" = ? AND "status" = 'active'`,
        )
        .run(
          now,
          beat.version,
          JSON.stringify(beat.services),
          beat.diskFreeBytes,
          beat.lastBackupAt ? sqliteDatetime(new Date(beat.lastBackupAt)) : null,
          id,
        );
      this.statements.get(EXPIRE_COMMANDS).run(id, now);
      const row = this.statements
        .get(`SELECT COUNT(*) AS "n" FROM "fleet_command" WHERE "appliance_id" = ? AND "status" = 'pending'`)
        .get(id) as { n: number };
      return row.n;
    });
  }

  /** From active only: a revoked appliance that leaves stays revoked. */
  setStatus(id: string, status: Exclude<ApplianceStatus, 'active'>): boolean {
    return writeAtomically(this.dataSource, (db) => {
      const changed = db
        .prepare(`UPDATE "fleet_appliance" SET "status" = ? WHERE "id" = ? AND "status" = 'active'`)
        .run(status, id);
      return changed.changes === 1;
    });
  }

  /** Records a nonce; false when this signer already used it (a replay). */
  recordNonce(signer: string, nonce: string, expiresAt: Date): boolean {
    try {
      writeAtomically(this.dataSource, () =>
        this.statements
          .get(`INSERT INTO "fleet_link_nonce" ("signer", "nonce", "expires_at") VALUES (?, ?, ?)`)
          .run(signer, nonce, sqliteDatetime(expiresAt)),
      );
      return true;
    } catch (error) {
      if (isUniqueViolation(error) || (error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
        return false;
      }
      throw error;
    }
  }

  async pruneNonces(now: Date): Promise<void> {
    await this.dataSource.query(`DELETE FROM "fleet_link_nonce" WHERE "expires_at" < ?`, [sqliteDatetime(now)]);
  }
}

/** Pending commands past their expiry become expired (fleet-command.repository.ts does the same). */
export const EXPIRE_COMMANDS = `UPDATE "fleet_command" SET "status" = 'expired'
  WHERE "appliance_id" = ? AND "status" = 'pending' AND "expires_at" <= ?`;

/** A `datetime` read with raw SQL (UTC, as sqliteDatetime() wrote it). */
function fromSqlite(text: string): Date {
  return new Date(`${text.replace(' ', 'T')}Z`);
}
