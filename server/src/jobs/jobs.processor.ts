import { Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { JOBS_QUEUE } from '../queue/queue.constants';
import { JobFailure } from './job-handler';
import type { JobProgress } from './job-progress';
import { JobRegistry } from './job-registry';
import { JobTriggers } from './job-triggers';
import type { QueuePayload } from './job.types';
import { JOB_NAME, JobsService } from './jobs.service';

/**
 * Writes progress in order, the latest report winning while a write is under way (a pull reports
 * every layer message); `flushed` is awaited before the job is settled so no late write follows it.
 */
class ProgressWriter {
  private latest: JobProgress | undefined;
  private writing: Promise<void> | undefined;

  constructor(private readonly write: (progress: JobProgress) => Promise<void>) {}

  report(progress: JobProgress): void {
    this.latest = progress;
    this.writing ??= this.drain();
  }

  async flushed(): Promise<void> {
    await this.writing;
  }

  private async drain(): Promise<void> {
    while (this.latest) {
      const next = this.latest;
      this.latest = undefined;
      await this.write(next).catch(() => undefined);
    }
    this.writing = undefined;
  }
}

/** The one processor: takes the row, runs its kind's handler, records progress and the outcome. */
@Processor(JOBS_QUEUE)
export class JobsProcessor {
  private readonly logger = new Logger('Jobs');

  constructor(
    private readonly jobs: JobsService,
    private readonly registry: JobRegistry,
    private readonly triggers: JobTriggers,
  ) {}

  @Process(JOB_NAME)
  async handle(job: Job<QueuePayload>): Promise<void> {
    // A repeating firing only queues jobs (recorded rows); it is not one itself.
    if ('trigger' in job.data) {
      const { trigger } = job.data;
      await this.triggers.fire(trigger).catch((err: unknown) => {
        this.logger.warn(`The repeating trigger ${trigger} failed: ${String(err)}`);
      });
      return;
    }
    const { jobId, kind, target } = job.data;
    // The queue is append-only on disk: a copy handed back after a restart, or a row settled as
    // interrupted at boot, must not run (again). Only a queued row runs.
    if (!(await this.jobs.start(jobId))) return;
    const progress = new ProgressWriter((p) => this.jobs.progress(jobId, p));
    try {
      const handler = this.registry.handlerFor(kind);
      if (!handler) throw new JobFailure('unknownKind', { kind });
      const outcome = await handler.run({
        jobId,
        kind,
        target,
        options: job.data.options ?? {},
        progress: (p) => progress.report(p),
      });
      await progress.flushed();
      // Handed over: the row stays running; whoever finishes the work settles it (self-update).
      if (outcome.kind === 'done') await this.jobs.succeed(jobId, outcome.result, outcome.params);
    } catch (err) {
      await progress.flushed();
      const failure = await this.jobs.failWith(jobId, err);
      this.logger.warn(`${kind} ${target} failed: ${failure.key}${failure.detail ? ` (${failure.detail})` : ''}`);
    }
  }
}
