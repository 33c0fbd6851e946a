import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUniqueViolation, sqliteDatetime, writeAtomically } from '../database/write-transaction';
import type { Heartbeat } from '../fleet-link/link.types';
import { EnrollmentTokenEntity } from './enrollment-token.entity';
import { type ApplianceStatus, FleetApplianceEntity } from './fleet-appliance.entity';
import { type TokenState, tokenState } from './fleet.rules';

export type EnrollOutcome = { ok: true } | { ok: false; state: Exclude<TokenState, 'valid'> };

/** Enrollment tokens, enrolled appliances and the nonces of their signed requests. */
@Injectable()
export class FleetRepository {
  constructor(private readonly dataSource: DataSource) {}

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
         VALUES (?, ?, ?, ?, 'active', ?, ?, ?, '[]', NULL, NULL)`,
      ).run(appliance.id, appliance.name, appliance.publicKey, appliance.fingerprint, at, at, appliance.version);
      return { ok: true };
    });
  }

  findAppliance(id: string): Promise<FleetApplianceEntity | null> {
    return this.appliances.findOneBy({ id });
  }

  listAppliances(): Promise<FleetApplianceEntity[]> {
    return this.appliances.find({ order: { name: 'ASC' } });
  }

  async heartbeat(id: string, beat: Heartbeat, at: Date): Promise<void> {
    await this.appliances.update(
      { id, status: 'active' },
      {
        lastSeenAt: at,
        version: beat.version,
        services: JSON.stringify(beat.services),
        diskFreeBytes: beat.diskFreeBytes,
        lastBackupAt: beat.lastBackupAt ? new Date(beat.lastBackupAt) : null,
      },
    );
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
      writeAtomically(this.dataSource, (db) =>
        db
          .prepare(`INSERT INTO "fleet_link_nonce" ("signer", "nonce", "expires_at") VALUES (?, ?, ?)`)
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

/** A `datetime` read with raw SQL (UTC, as sqliteDatetime() wrote it). */
function fromSqlite(text: string): Date {
  return new Date(`${text.replace(' ', 'T')}Z`);
}
