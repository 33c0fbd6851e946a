import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { EngineRepository } from '../engine/engine.repository';
import { HandlesJobs, JobFailure, type JobContext, type JobHandler, type JobOutcome } from '../jobs/job-handler';
import { planPercent, type JobStage, type ProgressFn } from '../jobs/job-progress';
import { LockService } from '../locks/lock.service';
import { SelfUpdateFiles } from './self-update.files';
import { SelfUpdateInspector, isAvailable } from './self-update.inspector';
import { selfUpdateJobOutcome } from './self-update.types';

const POLL_MS = 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The planned phases; the percent is the position in them (a local image stands for the download). */
const PHASES = ['channel', 'download', 'helper', 'handover'] as const satisfies readonly JobStage[];

function reporter(progress: ProgressFn) {
  return (phase: (typeof PHASES)[number], within = 0, stage: JobStage = phase, params = {}) =>
    progress({ stage, params, percent: planPercent(PHASES.indexOf(phase), PHASES.length, within) });
}

/**
 * The manager's side of a self-update job: refresh the channel image first (a failed download leaves
 * everything running), start the helper from the CURRENT image (known good, already here), then wait.
 * Normally the helper stops this process before the wait ends (the job is handed over: the next
 * manager settles it from the helper's result file); if the helper gives up before that (the target
 * moved, a leftover container is in the way), its result file ends the job here.
 */
@Injectable()
@HandlesJobs('selfUpdate')
export class SelfUpdateRunner implements JobHandler, OnModuleDestroy {
  private stopping = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly inspector: SelfUpdateInspector,
    private readonly engine: EngineRepository,
    private readonly files: SelfUpdateFiles,
    private readonly locks: LockService,
  ) {}

  /** Nest closes the queue only after this, and the queue waits for the running job: let it return. */
  onModuleDestroy(): void {
    this.stopping = true;
  }

  /**
   * Under the engine lock from the download until the helper has replaced us or given up: no reconcile
   * or feature operation changes containers (or this manager's networks) while the manager is swapped.
   */
  run(job: JobContext): Promise<JobOutcome> {
    return this.locks.run('engine', `job:${job.jobId}`, () => this.update(job));
  }

  private async update({ jobId, progress }: JobContext): Promise<JobOutcome> {
    const report = reporter(progress);
    report('channel');
    const before = await this.inspector.inspect();
    if (!before.supported) throw new JobFailure('selfUpdateUnsupported', {}, before.reason);
    try {
      await this.engine.pullImage(before.channel, (percent) =>
        report('download', percent / 100, 'download', { image: before.channel }),
      );
    } catch (err) {
      if (!before.target) throw new JobFailure('downloadFailed', { image: before.channel }, message(err));
      // The channel's image already here is still worth installing; the download's failure is only logged.
      report('download', 1, 'localImage', { image: before.channel });
    }
    const inspection = await this.inspector.inspect();
    if (!inspection.supported) throw new JobFailure('selfUpdateUnsupported', {}, inspection.reason);
    if (!isAvailable(inspection) || !inspection.target) return { kind: 'done', result: 'upToDate' };

    report('helper');
    const spec = this.inspector.helperSpec(inspection.self, {
      container: inspection.self.id,
      target: inspection.channel,
      targetId: inspection.target.id,
      timeoutSec: this.config.selfUpdate.healthTimeoutSec,
      jobId,
    });
    const helperId = await this.engine.createFromSpec(spec);
    try {
      await this.engine.start(helperId);
    } catch (err) {
      await this.engine.remove(helperId).catch(() => undefined);
      throw err;
    }
    report('handover', 0, 'handover', { image: inspection.channel });
    return this.waitForHelper(jobId, helperId);
  }

  private async waitForHelper(jobId: string, helperId: string): Promise<JobOutcome> {
    for (;;) {
      if (this.stopping) return { kind: 'handedOver' };
      const result = this.files.readResult();
      if (result?.jobId === jobId) {
        const outcome = selfUpdateJobOutcome(result);
        if (outcome.state === 'succeeded') return { kind: 'done', result: outcome.key, params: outcome.params };
        throw new JobFailure(outcome.key, outcome.params, outcome.detail ?? undefined);
      }
      if (!(await this.engine.inspectContainer(helperId))) {
        // Removed on exit (AutoRemove): one last look for the result it may have just written.
        if (this.files.readResult()?.jobId === jobId) continue;
        throw new JobFailure(
          'helperStopped',
          {},
          `the update helper stopped without a result; see ${this.files.logPath}`,
        );
      }
      await sleep(POLL_MS);
    }
  }
}
