import { Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { JOBS_QUEUE } from '../queue/queue.constants';
import { JOB_NAME, JobsService } from '../jobs/jobs.service';
import type { JobPayload } from '../jobs/job.types';
import { OperationsService } from './operations.service';

/**
 * Runs queued operations one at a time; the job row records progress and the outcome.
 * Interim: the jobs registry and its single processor replace this file.
 */
@Processor(JOBS_QUEUE)
export class OperationsProcessor {
  private readonly logger = new Logger('Operations');

  constructor(
    private readonly jobs: JobsService,
    private readonly operations: OperationsService,
  ) {}

  @Process(JOB_NAME)
  async handle(job: Job<JobPayload>): Promise<void> {
    const { jobId, kind, target, options } = job.data;
    // A job settled as interrupted at boot must not run again when Bull hands back a stalled copy.
    if (!(await this.jobs.start(jobId))) return;
    try {
      const outcome = await this.operations.run({
        jobId,
        kind,
        target,
        options,
        progress: ({ stage, percent }) => {
          this.jobs.progress(jobId, percent, stage).catch(() => undefined);
        },
      });
      await this.jobs.succeed(jobId, outcome.kind === 'done' ? outcome.result : undefined);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.logger.warn(`${kind} ${target} failed: ${message}`);
      await this.jobs.fail(jobId, message);
    }
  }
}
