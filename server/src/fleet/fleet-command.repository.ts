import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { once, sql, type Step, transact } from '../database/portable-sql';
import type { CommandAck } from '../fleet-link/link.types';
import { FleetCommandEntity } from './fleet-command.entity';
import { expireCommands } from './fleet.repository';

export type AckOutcome = 'acked' | 'already' | 'unknown';

/** Signed commands and the appliances' answers. */
@Injectable()
export class FleetCommandRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get table() {
    return this.dataSource.getRepository(FleetCommandEntity);
  }

  /** All or none: a command to many appliances is issued to all of them. */
  async insert(commands: FleetCommandEntity[]): Promise<void> {
    await this.dataSource.transaction((manager) => manager.getRepository(FleetCommandEntity).insert(commands));
  }

  recent(applianceId: string, take = 50): Promise<FleetCommandEntity[]> {
    return this.table.find({ where: { applianceId }, order: { issuedAt: 'DESC' }, take });
  }

  /** Pending and unexpired, oldest first; the pending ones past their expiry are marked expired first. */
  async pending(applianceId: string, now: Date): Promise<FleetCommandEntity[]> {
    await this.expire(applianceId, now);
    return this.table.find({ where: { applianceId, status: 'pending' }, order: { issuedAt: 'ASC' }, take: 100 });
  }

  byIds(ids: string[]): Promise<FleetCommandEntity[]> {
    return this.table.findBy({ id: In(ids) });
  }

  /**
   * Records the appliance's answer once. A late answer to an expired command still counts (the
   * appliance says what it did, e.g. refused it as expired); a second answer changes nothing.
   */
  ack(id: string, applianceId: string, ack: CommandAck, at: Date): Promise<AckOutcome> {
    return transact(this.dataSource, function* (): Step<AckOutcome> {
      const changed = yield* sql.run(
        `UPDATE "fleet_command" SET "status" = ?, "detail" = ?, "result" = ?, "acked_at" = ?
         WHERE "id" = ? AND "appliance_id" = ? AND "status" IN ('pending', 'expired') AND "acked_at" IS NULL`,
        ack.outcome,
        ack.detail,
        ack.result ? JSON.stringify(ack.result) : null,
        at,
        id,
        applianceId,
      );
      if (changed === 1) return 'acked';
      const exists = yield* sql.get(
        `SELECT 1 FROM "fleet_command" WHERE "id" = ? AND "appliance_id" = ?`,
        id,
        applianceId,
      );
      return exists ? 'already' : 'unknown';
    });
  }

  private async expire(applianceId: string, now: Date): Promise<void> {
    await once(this.dataSource, expireCommands(applianceId, now));
  }
}
