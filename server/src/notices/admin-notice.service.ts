import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { serverTimeZone } from '../backups/backup-calendar';
import { publicHost } from '../catalog/naming';
import { ApplianceContextService } from '../services/appliance-context.service';
import { MatrixAdminService } from '../services/matrix-admin.service';
import { ServiceHttpError } from '../services/service-http.repository';
import { ServiceStepsService } from '../services/service-steps.service';
import { InstallationRepository } from '../setup/installation.repository';
import { type AdminNotice, composeNotice, type NoticeContext, roomTexts } from './admin-notice.messages';
import { AdminRoomService, type ChatEndpoint } from './admin-room.service';

/** A notice is given up after this long (Synapse restarting, slow): the failure is on the dashboard anyway. */
export const NOTICE_DEADLINE_MS = 90_000;
const RETRY_DELAY_MS = 5_000;

type Target =
  { chat: ChatEndpoint; context: NoticeContext; adminUsername: string } | { off: string } | { later: string };

/** Worth trying again: Synapse unreachable or failing, rather than refusing what we asked. */
export function transient(err: unknown): boolean {
  if (!(err instanceof ServiceHttpError)) return true;
  return err.status === undefined || err.status === 429 || err.status >= 500;
}

/** An error for the log: Synapse's answer says why it refused (never a token: we do not send them back). */
function describe(err: unknown): string {
  if (err instanceof ServiceHttpError && err.body) return `${err.message}: ${err.body.slice(0, 200)}`;
  return String(err);
}

/**
 * Tells the community's admins on Matrix when a backups operation failed. Fire and forget: `tell`
 * returns at once and never throws, so a notice that cannot be posted (chat off, Synapse down) never
 * fails nor delays the operation; it is logged. Notices are posted one at a time, in order, each
 * tried again while Synapse is unreachable, up to NOTICE_DEADLINE_MS. Not kept across a restart.
 */
@Injectable()
export class AdminNoticeService implements OnApplicationShutdown {
  private readonly logger = new Logger('Notices');
  private pending: Promise<void> = Promise.resolve();
  private closing = false;

  constructor(
    private readonly context: ApplianceContextService,
    private readonly steps: ServiceStepsService,
    private readonly installation: InstallationRepository,
    private readonly room: AdminRoomService,
    private readonly matrixAdmin: MatrixAdminService,
  ) {}

  tell(notice: AdminNotice): void {
    this.pending = this.pending
      .then(() => this.deliver(notice))
      .catch((err: unknown) => this.logger.warn(`No notice posted for ${notice.operation}: ${describe(err)}`));
  }

  /** Resolves once every notice told so far was posted or given up. */
  settled(): Promise<void> {
    return this.pending;
  }

  /** Stops retrying; the call under way ends within the HTTP timeout. */
  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    await this.pending;
  }

  private async deliver(notice: AdminNotice): Promise<void> {
    const deadline = performance.now() + NOTICE_DEADLINE_MS;
    // The same transaction id on every try: Synapse keeps one message however many tries land.
    const txnId = `tl-${randomUUID()}`;
    let why = '';
    while (!this.closing) {
      try {
        const target = await this.target();
        if ('off' in target) {
          this.logger.log(`No notice posted in the admin room for ${notice.operation} (${notice.key}): ${target.off}`);
          return;
        }
        if ('chat' in target) {
          const { chat, context } = target;
          const texts = roomTexts(context.language, context.communityName);
          // The chat admin is who the room is for: registered now if the reconciler has not yet (a no-op after).
          await this.matrixAdmin.ensureRegistered(chat.address, chat.registrationSecret, target.adminUsername);
          await this.room.post(chat, texts, composeNotice(notice, context), txnId);
          this.logger.log(`Posted a notice in the admin room: ${notice.operation} failed (${notice.key})`);
          return;
        }
        why = target.later;
      } catch (err) {
        if (!transient(err)) throw err;
        why = describe(err);
      }
      if (performance.now() + RETRY_DELAY_MS > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
    }
    this.logger.warn(`Gave up posting the ${notice.operation} notice (${notice.key}) in the admin room: ${why}`);
  }

  /** Where to post, or why not: chat off (given up) or Synapse not healthy yet (tried again). */
  private async target(): Promise<Target> {
    const snapshot = await this.context.load();
    const installation = await this.installation.get();
    if (!snapshot || !installation) return { off: 'the setup is not finished' };
    if (!snapshot.features.includes('chat')) return { off: 'chat is not enabled' };
    if (snapshot.stopped.includes('synapse')) return { off: 'chat is stopped' };
    const synapse = await this.steps.container(snapshot, 'synapse');
    const address = synapse?.health === 'healthy' ? await this.steps.synapseAddress(snapshot) : undefined;
    if (!address) return { later: `the chat server is not healthy (${synapse?.health ?? 'missing'})` };
    const { settings, secrets } = snapshot.ctx;
    const scheme = settings.tls === 'off' ? 'http' : 'https';
    return {
      chat: { address, serverName: settings.domain, registrationSecret: secrets.synapseRegistrationSecret },
      adminUsername: settings.adminUsername,
      context: {
        language: installation.language,
        communityName: settings.communityName,
        dashboardUrl: `${scheme}://${publicHost(settings.domain, 'admin')}/`,
        timeZone: serverTimeZone(),
      },
    };
  }
}
