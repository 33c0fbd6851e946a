import { Injectable, Logger } from '@nestjs/common';
import type { KeyObject } from 'node:crypto';
import { checkCommand } from '../fleet-link/signed-command';
import type { CommandAck, SignedCommand } from '../fleet-link/link.types';
import { Clock } from '../platform/clock';
import { decideCommand, refusalAck, type Work } from './command-decision';
import type { FederationLinkEntity } from './federation-link.entity';
import { FederationLinkRepository } from './federation-link.repository';
import { diagnosticsOf } from './federation-status';
import { LocalAppliance } from './local-appliance.port';
import { UpstreamLinkRepository, type Signer } from './upstream-link.repository';

export interface LinkContext {
  link: FederationLinkEntity;
  upstreamKey: KeyObject;
  signer: Signer;
}

/**
 * The upstream's commands: checked (pinned key, this appliance, expiry, allowlist), de-duplicated by
 * id, run through the dashboard's own services, and acknowledged. Queued work (a backup, a restart,
 * an update) is acked when its job ends, with the job's result key; an ack that did not reach the
 * upstream is sent again on the next round (the row keeps the answer).
 */
@Injectable()
export class LinkCommandsService {
  private readonly logger = new Logger('Federation');

  constructor(
    private readonly links: FederationLinkRepository,
    private readonly upstream: UpstreamLinkRepository,
    private readonly local: LocalAppliance,
    private readonly clock: Clock,
  ) {}

  /** Takes each command once; an ack failure is left for acknowledgePending(). */
  async handle(ctx: LinkContext, commands: readonly SignedCommand[]): Promise<void> {
    for (const signed of commands) {
      const command = signed?.command;
      if (!command || typeof command.id !== 'string' || command.id.length === 0 || command.id.length > 200) {
        this.logger.warn('the host sent a command without an id: ignored');
        continue;
      }
      const check = checkCommand(ctx.upstreamKey, signed, ctx.link.applianceId, this.clock.now());
      const fresh = check ? false : this.links.take(command.id, String(command.type), this.clock.now());
      const previous = fresh || check ? null : await this.links.command(command.id);
      const decision = decideCommand(
        command,
        check,
        fresh,
        previous && { acked: previous.ackedAt !== null },
        this.local.features(),
      );
      switch (decision.kind) {
        case 'wait':
          break;
        case 'refuse':
          this.logger.warn(`refused command ${command.id} (${String(command.type)}): ${decision.reason}`);
          // Refusals are not recorded (a forged id must not block a real one): acked as they come.
          await this.send(ctx, command.id, refusalAck(decision.reason), false);
          break;
        case 'run':
          await this.run(ctx, command.id, decision.work);
          break;
        default: {
          const unknown: never = decision;
          throw new Error(`unknown decision ${JSON.stringify(unknown)}`);
        }
      }
    }
  }

  /** Commands taken and not yet acknowledged: their job ended, or their ack was lost. */
  async acknowledgePending(ctx: LinkContext): Promise<void> {
    for (const row of await this.links.unacked()) {
      let ack: CommandAck | undefined;
      if (row.outcome) ack = { outcome: row.outcome, detail: row.detail ?? '' };
      else if (!row.jobId) {
        // Taken, never queued nor answered: the manager stopped half way (handle() settles within its round).
        await this.links.settle(row.id, { outcome: 'failed', detail: 'link.interrupted' });
        ack = { outcome: 'failed', detail: 'link.interrupted' };
      } else {
        const end = await this.local.jobEnd(row.jobId);
        if (end === null) continue;
        const outcome = end === undefined || !end.succeeded ? 'failed' : 'done';
        const detail = end === undefined ? 'link.jobLost' : end.key;
        await this.links.settle(row.id, { outcome, detail });
        ack = { outcome, detail, result: { jobId: row.jobId } };
      }
      if (ack) await this.send(ctx, row.id, ack, true);
    }
  }

  private async run(ctx: LinkContext, id: string, work: Work): Promise<void> {
    try {
      switch (work.type) {
        case 'backup.run': {
          const jobId = await this.local.queueBackup();
          await this.links.settle(id, { jobId });
          return;
        }
        case 'service.action': {
          const jobId = await this.local.queueServiceAction(work.feature, work.action);
          await this.links.settle(id, { jobId });
          return;
        }
        case 'diagnostics.collect': {
          const [version, services, diskFreeBytes, lastBackupAt, errors] = await Promise.all([
            this.local.version(),
            this.local.services(),
            this.local.diskFreeBytes(),
            this.local.lastBackupAt(),
            this.local.recentErrors(),
          ]);
          const ack: CommandAck = {
            outcome: 'done',
            detail: 'link.diagnostics',
            result: diagnosticsOf({ version, services, diskFreeBytes, lastBackupAt }, errors),
          };
          await this.links.settle(id, { outcome: 'done', detail: ack.detail });
          await this.send(ctx, id, ack, true);
          return;
        }
        default: {
          const unknown: never = work;
          throw new Error(`unknown work ${JSON.stringify(unknown)}`);
        }
      }
    } catch (error) {
      // Not queued (setup unfinished, a backup already under way…): failed, with a key, not a sentence.
      this.logger.warn(`command ${id} (${work.type}) failed: ${String(error)}`);
      const detail = `link.failed.${work.type}`;
      await this.links.settle(id, { outcome: 'failed', detail });
      await this.send(ctx, id, { outcome: 'failed', detail }, true);
    }
  }

  private async send(ctx: LinkContext, id: string, ack: CommandAck, recorded: boolean): Promise<void> {
    try {
      await this.upstream.ack(ctx.link.upstreamUrl, ctx.signer, id, ack);
      if (recorded) await this.links.acked(id, this.clock.now());
    } catch (error) {
      this.logger.warn(`ack of ${id} not delivered: ${String(error)}`);
      if (!recorded) return;
      // A refusal from the upstream (the command expired there, say) will not change: stop sending it.
      if ((error as { status?: number | null }).status && (error as { status: number }).status < 500) {
        await this.links.acked(id, this.clock.now());
      }
    }
  }
}
