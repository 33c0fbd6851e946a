import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { sqliteDatetime, writeAtomically } from '../database/write-transaction';
import type { CommandOutcome } from '../fleet-link/link.types';
import { FederationCommandEntity } from './federation-command.entity';
import { FederationLinkEntity } from './federation-link.entity';

export type LinkFields = Omit<
  FederationLinkEntity,
  'id' | 'lastContactAt' | 'lastError' | 'revokedAt' | 'offsitePending'
>;

/** The link's row and the commands already taken (SQLite). */
@Injectable()
export class FederationLinkRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get links() {
    return this.dataSource.getRepository(FederationLinkEntity);
  }

  private get commands() {
    return this.dataSource.getRepository(FederationCommandEntity);
  }

  get(): Promise<FederationLinkEntity | null> {
    return this.links.findOneBy({ id: 1 });
  }

  /** False when a link already exists (the CHECK on id makes a second one impossible). */
  create(fields: LinkFields): boolean {
    return writeAtomically(this.dataSource, (db) => {
      const inserted = db
        .prepare(
          `INSERT OR IGNORE INTO "federation_link" ("id", "upstream_url", "upstream_name", "upstream_key",
             "upstream_fingerprint", "appliance_id", "enrolled_at", "confirmed_at") VALUES (1, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          fields.upstreamUrl,
          fields.upstreamName,
          fields.upstreamKey,
          fields.upstreamFingerprint,
          fields.applianceId,
          sqliteDatetime(fields.enrolledAt),
          fields.confirmedAt ? sqliteDatetime(fields.confirmedAt) : null,
        );
      return inserted.changes === 1;
    });
  }

  async contact(at: Date): Promise<void> {
    await this.links.update({ id: 1 }, { lastContactAt: at, lastError: null, revokedAt: null });
  }

  async failure(key: string, revokedAt?: Date): Promise<void> {
    await this.links.update({ id: 1 }, { lastError: key, ...(revokedAt ? { revokedAt } : {}) });
  }

  /** True when this call confirmed it: one conditional update, so two clicks confirm once. */
  async confirm(at: Date): Promise<boolean> {
    const result = await this.links
      .createQueryBuilder()
      .update()
      .set({ confirmedAt: at })
      .where('id = 1 AND confirmed_at IS NULL')
      .execute();
    return result.affected === 1;
  }

  async offsiteDone(): Promise<void> {
    await this.links.update({ id: 1 }, { offsitePending: false });
  }

  /** The link and its command history go; nothing else of the appliance. */
  forget(): void {
    writeAtomically(this.dataSource, (db) => {
      db.prepare(`DELETE FROM "federation_command"`).run();
      db.prepare(`DELETE FROM "federation_link"`).run();
    });
  }

  /** True when this id is new: the one INSERT that must add a row is the de-duplication. */
  take(id: string, type: string, at: Date): boolean {
    return writeAtomically(this.dataSource, (db) => {
      const inserted = db
        .prepare(`INSERT OR IGNORE INTO "federation_command" ("id", "type", "received_at") VALUES (?, ?, ?)`)
        .run(id, type, sqliteDatetime(at));
      return inserted.changes === 1;
    });
  }

  async settle(id: string, fields: { outcome?: CommandOutcome; detail?: string; jobId?: string }): Promise<void> {
    await this.commands.update({ id }, fields);
  }

  async acked(id: string, at: Date): Promise<void> {
    await this.commands.update({ id }, { ackedAt: at });
  }

  command(id: string): Promise<FederationCommandEntity | null> {
    return this.commands.findOneBy({ id });
  }

  /** Taken but not yet acknowledged: settled ones to send again, queued ones whose job to look at. */
  unacked(): Promise<FederationCommandEntity[]> {
    return this.commands.find({ where: { ackedAt: IsNull() }, order: { receivedAt: 'ASC' } });
  }
}
