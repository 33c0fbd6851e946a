import { HttpStatus, Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ApiException } from '../common/api-error';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { EngineRepository } from '../engine/engine.repository';
import { JobRepository } from '../jobs/job.repository';
import { JobsService } from '../jobs/jobs.service';
import type { SelfUpdateStatusDto } from './dto/self-update.dto';
import { SelfUpdateFiles } from './self-update.files';
import { SelfUpdateInspector, isAvailable, versionOf } from './self-update.inspector';
import { SelfUpdateTrust, imageDigest } from './self-update.trust';
import { SELF_UPDATE_TARGET, selfUpdateJobOutcome, type SelfUpdateResult } from './self-update.types';

/** GET/POST /api/system/update: what can be updated, starting it, and reporting how the last one went. */
@Injectable()
export class SelfUpdateService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('SelfUpdate');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly inspector: SelfUpdateInspector,
    private readonly engine: EngineRepository,
    private readonly files: SelfUpdateFiles,
    private readonly jobRows: JobRepository,
    private readonly jobs: JobsService,
    private readonly trust: SelfUpdateTrust,
  ) {}

  /** Reports the helper's result at boot: this manager may be the new one, or the old one put back. */
  async onApplicationBootstrap(): Promise<void> {
    const result = await this.settle();
    if (result) this.logger.log(`Last self-update: ${result.state}${result.reason ? ` (${result.reason})` : ''}`);
    const hours = this.config.selfUpdate.checkIntervalHours;
    if (hours > 0 && this.config.inContainer) {
      // First look a few minutes after boot, then periodically; never blocks anything local.
      const check = () => void this.refreshChannel();
      this.timer = setTimeout(() => {
        check();
        this.timer = setInterval(check, hours * 3_600_000).unref();
      }, 300_000).unref();
    }
  }

  onModuleDestroy(): void {
    clearTimeout(this.timer);
    clearInterval(this.timer);
  }

  /**
   * Settles the job named in result.json from it (idempotent): the job's own process was usually
   * stopped by the helper, and JobsService marks it "interrupted" at boot before the result exists.
   */
  async settle(): Promise<SelfUpdateResult | undefined> {
    const result = this.files.readResult();
    if (!result?.jobId) return result;
    const job = await this.jobRows.findById(result.jobId);
    const want = selfUpdateJobOutcome(result);
    const settled = want.state === 'succeeded' ? job?.resultKey : job?.errorKey;
    if (job && (job.state !== want.state || settled !== want.key)) {
      if (want.state === 'succeeded') await this.jobs.succeed(job.id, want.key, want.params);
      else await this.jobs.fail(job.id, want.key, want.params, want.detail);
    }
    return result;
  }

  async status(): Promise<SelfUpdateStatusDto> {
    const [inspection, last] = await Promise.all([this.inspector.inspect(), this.settle()]);
    const active = await this.jobRows.findActiveFor(SELF_UPDATE_TARGET);
    const lastDto = last
      ? {
          state: last.state,
          reason: last.reason,
          at: last.at,
          from: last.from,
          to: last.to,
          fromVersion: last.fromVersion,
          toVersion: last.toVersion,
        }
      : null;
    if (!inspection.supported) {
      return {
        supported: false,
        reason: inspection.reason,
        current: null,
        available: null,
        refused: null,
        last: lastDto,
        updating: false,
        jobId: null,
      };
    }
    const helper = await this.inspector.helperExists(inspection.self).catch(() => false);
    const { self, currentImage, target, channel } = inspection;
    if (currentImage) await this.trust.check(self.imageRef, currentImage);
    const offered = isAvailable(inspection) && target ? target : undefined;
    return {
      supported: true,
      reason: null,
      current: {
        image: self.imageRef,
        version: versionOf(currentImage),
        digest: currentImage ? imageDigest(self.imageRef, currentImage) : self.imageId,
      },
      available: offered
        ? { image: channel, version: versionOf(offered), digest: imageDigest(channel, offered) }
        : null,
      refused: offered ? await this.trust.check(channel, offered) : null,
      last: lastDto,
      updating: active !== null || helper,
      jobId: active?.id ?? null,
    };
  }

  async request(): Promise<{ jobId: string }> {
    const inspection = await this.inspector.inspect();
    if (!inspection.supported) {
      throw new ApiException(HttpStatus.CONFLICT, `The appliance cannot update itself: ${inspection.reason}.`);
    }
    if (!isAvailable(inspection) || !inspection.target) {
      throw new ApiException(HttpStatus.CONFLICT, `No newer appliance image is available in ${inspection.channel}.`);
    }
    if (inspection.currentImage) await this.trust.check(inspection.self.imageRef, inspection.currentImage);
    const refused = await this.trust.check(inspection.channel, inspection.target);
    if (refused) throw new ApiException(HttpStatus.CONFLICT, `The update was refused: ${refused}.`);
    // The helper stops this process: nothing else may be half-way through.
    const busy = await this.jobRows.findInStates(['queued', 'running']);
    if (busy.length > 0 || (await this.inspector.helperExists(inspection.self))) {
      const what = busy[0] ? `${busy[0].kind} ${busy[0].target}` : 'an update of the appliance';
      throw new ApiException(HttpStatus.CONFLICT, `An operation is under way (${what}); wait for it to finish.`);
    }
    const { id: jobId } = await this.jobs.create('selfUpdate', SELF_UPDATE_TARGET);
    return { jobId };
  }

  /** Pulls the channel so "available" can turn true; a failure only waits for the next check. */
  private async refreshChannel(): Promise<void> {
    const inspection = await this.inspector.inspect();
    if (!inspection.supported) return;
    try {
      await this.engine.pullImage(inspection.channel);
      const after = await this.inspector.inspect();
      if (!after.supported) return;
      if (after.currentImage) await this.trust.check(after.self.imageRef, after.currentImage);
      if (isAvailable(after) && after.target) {
        const refused = await this.trust.check(after.channel, after.target);
        if (refused) this.logger.warn(`The update channel's image is refused: ${refused}`);
        else this.logger.log(`A newer appliance image is available: ${inspection.channel}`);
      }
    } catch (err) {
      this.logger.warn(
        `Could not check ${inspection.channel} for updates: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
}
