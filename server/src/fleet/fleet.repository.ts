import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { once, readDate, sql, type Step, transact } from '../database/portable-sql';
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
  async revokeToken(id: string, at: Date): Promise<boolean> {
    const changed = await once(
      this.dataSource,
      sql.run(
        `UPDATE "fleet_enrollment_token" SET "revoked_at" = ? WHERE "id" = ? AND "used_at" IS NULL AND "revoked_at" IS NULL`,
        at,
        id,
      ),
    );
    return changed === 1;
  }

  /**
   * Spends the token and registers the appliance in one write transaction. The conditional UPDATE is
   * the only check that counts: of two enrollments with one code, exactly one changes the row.
   */
  enroll(tokenHash: string, appliance: FleetApplianceEntity, now: Date): Promise<EnrollOutcome> {
    return transact(this.dataSource, function* (): Step<EnrollOutcome> {
      const spent = yield* sql.run(
        `UPDATE "fleet_enrollment_token" SET "used_at" = ?, "appliance_id" = ?
         WHERE "token_hash" = ? AND "used_at" IS NULL AND "revoked_at" IS NULL AND "expires_at" > ?`,
        now,
        appliance.id,
        tokenHash,
        now,
      );
      if (spent !== 1) {
        const row = yield* sql.get<TokenRow>(
          `SELECT "used_at", "revoked_at", "expires_at" FROM "fleet_enrollment_token" WHERE "token_hash" = ?`,
          tokenHash,
        );
        const state = tokenState(
          row
            ? {
                usedAt: row.used_at ? readDate(row.used_at) : null,
                revokedAt: row.revoked_at ? readDate(row.revoked_at) : null,
                expiresAt: readDate(row.expires_at),
              }
            : null,
          now,
        );
        // The UPDATE refused it, so it cannot be spent, whatever the clock said in between.
        return { ok: false, state: state === 'valid' ? 'expired' : state };
      }
      yield* sql.run(
        `INSERT INTO "fleet_appliance" ("id", "name", "public_key", "fingerprint", "status", "enrolled_at",
           "last_seen_at", "version", "services", "disk_free_bytes", "last_backup_at")
         VALUES (?, COALESCE(NULLIF(?, ''), (SELECT "community" FROM "fleet_enrollment_token" WHERE "token_hash" = ?)),
           ?, ?, 'active', ?, ?, ?, '[]', NULL, NULL)`,
        appliance.id,
        appliance.name,
        tokenHash,
        appliance.publicKey,
        appliance.fingerprint,
        now,
        now,
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

  /** The hot path of every signed request: one SELECT of three columns (prepared once on SQLite). */
  async findSigner(id: string): Promise<ApplianceSigner | null> {
    const row = await once(
      this.dataSource,
      sql.get<{ id: string; public_key: string; status: ApplianceStatus }>(
        `SELECT "id", "public_key", "status" FROM "fleet_appliance" WHERE "id" = ?`,
        id,
      ),
    );
    return row ? { id: row.id, publicKey: row.public_key, status: row.status } : null;
  }

  /**
   * Stores the beat, expires the appliance's overdue commands and counts the pending ones, in one
   * write transaction (the upstream's most frequent write).
   */
  heartbeat(id: string, beat: Heartbeat, at: Date): Promise<number> {
    return transact(this.dataSource, function* (): Step<number> {
      yield* sql.run(
        `UPDATE "fleet_appliance" SET "last_seen_at" = ?, "version" = ?, "services" = ?, "disk_free_bytes" = ?,
           "last_backup_at" = ? WHERE "id" = ? AND "status" = 'active'`,
        at,
        beat.version,
        JSON.stringify(beat.services),
        beat.diskFreeBytes,
        beat.lastBackupAt ? new Date(beat.lastBackupAt) : null,
        id,
      );
      yield* expireCommands(id, at);
      const row = yield* sql.get<{ n: number }>(
        `SELECT COUNT(*) AS "n" FROM "fleet_command" WHERE "appliance_id" = ? AND "status" = 'pending'`,
        id,
      );
      return Number(row?.n ?? 0);
    });
  }

  /** From active only: a revoked appliance that leaves stays revoked. */
  async setStatus(id: string, status: Exclude<ApplianceStatus, 'active'>): Promise<boolean> {
    const changed = await once(
      this.dataSource,
      sql.run(`UPDATE "fleet_appliance" SET "status" = ? WHERE "id" = ? AND "status" = 'active'`, status, id),
    );
    return changed === 1;
  }

  /** Records a nonce; false when this signer already used it (a replay). */
  async recordNonce(signer: string, nonce: string, expiresAt: Date): Promise<boolean> {
    const inserted = await once(
      this.dataSource,
      sql.run(
        `INSERT INTO "fleet_link_nonce" ("signer", "nonce", "expires_at") VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
        signer,
        nonce,
        expiresAt,
      ),
    );
    return inserted === 1;
  }

  async pruneNonces(now: Date): Promise<void> {
    await once(this.dataSource, sql.run(`DELETE FROM "fleet_link_nonce" WHERE "expires_at" < ?`, now));
  }
}

interface TokenRow {
  used_at: Date | string | null;
  revoked_at: Date | string | null;
  expires_at: Date | string;
}

/** Pending commands past their expiry become expired (fleet-command.repository.ts does the same). */
export function expireCommands(applianceId: string, now: Date): Step<number> {
  return sql.run(
    `UPDATE "fleet_command" SET "status" = 'expired'
     WHERE "appliance_id" = ? AND "status" = 'pending' AND "expires_at" <= ?`,
    applianceId,
    now,
  );
}
