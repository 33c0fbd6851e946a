import { Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { JobsService } from '../jobs/jobs.service';
import { SelfUpdateRunner } from './self-update.runner';
import type { SelfUpdatePayload } from './self-update.service';
import { SELF_UPDATE_JOB, SELF_UPDATE_QUEUE } from './self-update.types';

/** Runs the self-update job; its own queue, so the services' processor never sees it. */
@Processor(SELF_UPDATE_QUEUE)
export class SelfUpdateProcessor {
  private readonly logger = new Logger('SelfUpdate');

  constructor(
    private readonly jobs: JobsService,
    private readonly runner: SelfUpdateRunner,
  ) {}

  @Process(SELF_UPDATE_JOB)
  async handle(job: Job<SelfUpdatePayload>): Promise<void> {
    const { jobId } = job.data;
    // The queue is append-only on disk: a copy handed back after the manager was replaced must not
    // start a second update. Only a queued row runs.
    if (!(await this.jobs.start(jobId))) return;
    try {
      const outcome = await this.runner.run(jobId, (percent, detail) => {
        this.jobs.progress(jobId, percent, detail).catch(() => undefined);
      });
      // Handed over: the row stays running; the next manager settles it from the helper's result.
      if (outcome.kind === 'done') await this.jobs.succeed(jobId, outcome.detail);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      this.logger.warn(`Self-update failed: ${reason}`);
      await this.jobs.fail(jobId, reason);
    }
  }
}
