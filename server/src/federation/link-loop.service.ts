import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { publicKeyFromBase64 } from '../fleet-link/key-fingerprint';
import { Clock } from '../platform/clock';
import { FederationLinkRepository } from './federation-link.repository';
import { heartbeatOf } from './federation-status';
import { LinkCommandsService, type LinkContext } from './link-commands.service';
import { LinkKeysRepository } from './link-keys.repository';
import { backoffDelay, REVOKED_DELAY_MS } from './link-backoff';
import { LocalAppliance } from './local-appliance.port';
import { OffsiteSetupService } from './offsite-setup.service';
import { UpstreamError, UpstreamLinkRepository } from './upstream-link.repository';

/**
 * The outbound link: a signed heartbeat each interval, then the commands when some wait. Runs on its
 * own timer and never in a request: nothing local waits for the upstream or fails with it. Failures
 * back off (doubling, jittered, capped); a 403 (revoked or left upstream) waits hours between tries.
 */
@Injectable()
export class LinkLoopService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Federation');
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private failures = 0;
  private stopped = true;
  private next: Date | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly links: FederationLinkRepository,
    private readonly keys: LinkKeysRepository,
    private readonly upstream: UpstreamLinkRepository,
    private readonly commands: LinkCommandsService,
    private readonly local: LocalAppliance,
    private readonly offsite: OffsiteSetupService,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.links.get())?.confirmedAt) this.start();
  }

  /** Before any shutdown hook: the database is still open for a round under way. */
  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  /** When the next heartbeat is due; null while stopped. */
  get nextAttemptAt(): Date | null {
    return this.stopped ? null : this.next;
  }

  /** Starts (or restarts) the loop with a heartbeat now. */
  start(): void {
    this.stopped = false;
    this.failures = 0;
    this.schedule(0);
  }

  /** Stops the timer and waits for a round under way (its calls have timeouts). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.next = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.next = new Date(this.clock.now().getTime() + delayMs);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.inFlight = this.round().finally(() => {
        this.inFlight = undefined;
      });
    }, delayMs);
    this.timer.unref();
  }

  private async round(): Promise<void> {
    const interval = this.config.linkHeartbeatMs;
    try {
      const ctx = await this.context();
      if (!ctx) {
        this.stopped = true;
        return;
      }
      const answer = await this.upstream.heartbeat(ctx.link.upstreamUrl, ctx.signer, await this.status());
      await this.links.contact(this.clock.now());
      this.failures = 0;
      await this.commands.acknowledgePending(ctx);
      if (answer.pendingCommands > 0) {
        await this.commands.handle(ctx, await this.upstream.commands(ctx.link.upstreamUrl, ctx.signer));
      }
      if (ctx.link.offsitePending) await this.offsite.setUp(ctx.link, ctx.signer);
      this.schedule(interval);
    } catch (error) {
      this.failures += 1;
      const problem = error instanceof UpstreamError ? error.problem : 'failed';
      if (!(error instanceof UpstreamError)) this.logger.error(`link round failed: ${String(error)}`);
      else this.logger.warn(`the mutualised host: ${error.message}`);
      const revoked = problem === 'revoked';
      await this.links
        .failure(`link.error.${problem}`, revoked ? this.clock.now() : undefined)
        .catch((err: unknown) => this.logger.error(`could not record the link's error: ${String(err)}`));
      this.schedule(revoked ? REVOKED_DELAY_MS : backoffDelay(this.failures, interval, randomInt(0, 1_000_000) / 1e6));
    }
  }

  private async context(): Promise<LinkContext | undefined> {
    const link = await this.links.get();
    const privateKey = this.keys.privateKey();
    if (!link?.confirmedAt || !privateKey) return undefined;
    return {
      link,
      upstreamKey: publicKeyFromBase64(link.upstreamKey),
      signer: { privateKey, applianceId: link.applianceId },
    };
  }

  /** Each part on its own: a part that cannot be read is reported empty, never a missed heartbeat. */
  private async status() {
    const part = <T>(read: () => Promise<T>, fallback: T): Promise<T> =>
      read().catch((error: unknown) => {
        this.logger.warn(`heartbeat: ${String(error)}`);
        return fallback;
      });
    const [version, services, diskFreeBytes, lastBackupAt] = await Promise.all([
      part(() => this.local.version(), 'unknown'),
      part(() => this.local.services(), []),
      part(() => this.local.diskFreeBytes(), null),
      part(() => this.local.lastBackupAt(), null),
    ]);
    return heartbeatOf({ version, services, diskFreeBytes, lastBackupAt });
  }
}
