import { Injectable, Logger } from '@nestjs/common';
import { hedgedocEndSessionsSql } from '../catalog/hedgedoc.members';
import { nextcloudMemberCommands, nextcloudUserExistsCommand } from '../catalog/nextcloud.members';
import { NEXTCLOUD_OCC_USER } from '../catalog/nextcloud.sso';
import { POSTGRES_INIT_COMMAND } from '../catalog/postgres.catalog';
import { EngineRepository } from '../engine/engine.repository';
import type { MemberRef } from '../members/member-service-accounts.port';
import { Clock } from '../platform/clock';
import { ApplianceContextService, type ApplianceSnapshot } from './appliance-context.service';
import { ServiceStepsService } from './service-steps.service';

type Change = 'suspended' | 'resumed' | 'removed';

/**
 * A member's sessions in pad (HedgeDoc) and files (Nextcloud), through `docker exec` in the running
 * containers: SQL on HedgeDoc's sessions table through Postgres' psql, `occ` in Nextcloud. Each part
 * is tried on its own; the failures come back together as one error, for the caller to report.
 */
@Injectable()
export class PadFilesMembersService {
  private readonly logger = new Logger('Members');

  constructor(
    private readonly context: ApplianceContextService,
    private readonly steps: ServiceStepsService,
    private readonly engine: EngineRepository,
    private readonly clock: Clock,
  ) {}

  async follow(change: Change, member: MemberRef): Promise<void> {
    const snapshot = await this.context.load();
    if (!snapshot) return;
    const failures: string[] = [];
    const attempt = async (part: string, work: () => Promise<void>) => {
      try {
        await work();
      } catch (err) {
        failures.push(`${part}: ${err instanceof Error ? err.message : String(err)}`);
      }
    };
    // Resuming lifts nothing in pad: its sessions were only ended, and the provider signs them in again.
    if (change !== 'resumed' && snapshot.features.includes('pad'))
      await attempt('pad', () => this.endPadSessions(snapshot, member));
    if (snapshot.features.includes('files')) await attempt('files', () => this.inFiles(snapshot, change, member));
    if (failures.length > 0) throw new Error(failures.join('; '));
  }

  private async endPadSessions(snapshot: ApplianceSnapshot, member: MemberRef): Promise<void> {
    const postgres = await this.running(snapshot, 'postgres');
    const code = await this.engine.exec(postgres, POSTGRES_INIT_COMMAND, { stdin: hedgedocEndSessionsSql(member.id) });
    if (code !== 0) throw new Error(`ending the HedgeDoc sessions failed (psql exit code ${code})`);
    this.logger.log(`Ended the pad sessions of ${member.username}`);
  }

  private async inFiles(snapshot: ApplianceSnapshot, change: Change, member: MemberRef): Promise<void> {
    const nextcloud = await this.running(snapshot, 'nextcloud');
    const options = { user: NEXTCLOUD_OCC_USER };
    // No account: they never signed in to files, so there is nothing to end.
    if ((await this.engine.exec(nextcloud, nextcloudUserExistsCommand(member.username), options)) !== 0) return;
    for (const command of nextcloudMemberCommands(member.username, change, this.clock.now())) {
      const code = await this.engine.exec(nextcloud, command, options);
      if (code !== 0) throw new Error(`occ ${command[3]} failed (exit code ${code})`);
    }
    this.logger.log(`Files followed "${change}" for ${member.username}`);
  }

  private async running(snapshot: ApplianceSnapshot, serviceId: 'postgres' | 'nextcloud'): Promise<string> {
    const container = await this.steps.container(snapshot, serviceId);
    if (container?.state !== 'running') throw new Error(`${serviceId} is not running`);
    return container.id;
  }
}
