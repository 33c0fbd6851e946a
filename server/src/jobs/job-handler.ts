import { SetMetadata } from '@nestjs/common';
import type { JobKind, JobOptions } from './job.types';
import type { JobProgress, JobStageParams, ProgressFn } from './job-progress';

/** What a handler gets: the job's row id, its target, its options, and where to report progress. */
export interface JobContext {
  jobId: string;
  kind: JobKind;
  target: string;
  options: JobOptions;
  progress: ProgressFn;
}

/**
 * How a job ended. `done`: succeeded, with a result key the web app translates (`jobs.result.<key>`).
 * `handedOver`: the work continues outside this process (self-update's helper); the row stays running
 * and whoever finishes it settles it.
 */
export type JobOutcome = { kind: 'done'; result: string; params?: JobStageParams } | { kind: 'handedOver' };

/**
 * A failure a person reads: a message key with parameters (`jobs.error.<key>`), the technical detail
 * apart (shown under « Détails techniques »).
 */
export class JobFailure extends Error {
  constructor(
    readonly key: string,
    readonly params: JobStageParams = {},
    readonly detail?: string,
  ) {
    super(detail ? `${key}: ${detail}` : key);
    this.name = 'JobFailure';
  }
}

export interface JobHandler {
  run(job: JobContext): Promise<JobOutcome>;
}

/** Marks a provider as the handler of these kinds; the registry finds it at boot (exactly one per kind). */
export const JOB_HANDLER_KINDS = 'tl:job-handler-kinds';
export const HandlesJobs = (...kinds: JobKind[]) => SetMetadata(JOB_HANDLER_KINDS, kinds);

export type { JobProgress };
