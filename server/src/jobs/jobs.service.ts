import { InjectQueue } from '@nestjs/bull';
import { HttpStatus, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bull';
import { randomUUID } from 'node:crypto';
import { Observable, Subject, filter, startWith, takeWhile } from 'rxjs';
import { ApiException } from '../common/api-error';
import { ENGINE_UNREACHABLE, EngineUnreachableError } from '../engine/engine.errors';
import { Clock } from '../platform/clock';
import { JOBS_QUEUE } from '../queue/queue.constants';
import { JobFailure } from './job-handler';
import type { JobProgress, JobStageParams } from './job-progress';
import { JobEntity, queuedJob } from './job.entity';
import { JobRepository } from './job.repository';
import type { JobError, JobKind, JobOptions, JobPayload, JobSnapshot } from './job.types';

/** The Bull job name, unchanged from earlier versions so that jobs they queued still run. */
export const JOB_NAME = 'operation';
const TERMINAL = new Set(['succeeded', 'failed']);
/** Finished jobs are history for the dashboard: a month of it, and never fewer than the last 100. */
export const JOB_RETENTION = { days: 30, keep: 100 } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Stored parameters are ours, but a hand-edited or truncated row must not break the job list. */
function params(json: string | null): JobStageParams {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as JobStageParams) : {};
  } catch {
    return {};
  }
}

export function snapshot(job: JobEntity): JobSnapshot {
  return {
    id: job.id,
    kind: job.kind,
    target: job.target,
    state: job.state,
    progress: { stage: job.stage, params: params(job.stageParams), percent: job.progress },
    result: job.resultKey ? { key: job.resultKey, params: params(job.resultParams) } : null,
    error: job.errorKey ? { key: job.errorKey, params: params(job.errorParams), detail: job.errorDetail } : null,
  };
}

/**
 * What a person reads of a thrown error: a JobFailure as it is, an unreachable engine as its own key
 * (the dashboard says what to do), anything else as `unexpected`; the message stays as the detail.
 */
export function failureOf(err: unknown): JobError {
  if (err instanceof JobFailure) return { key: err.key, params: err.params, detail: err.detail ?? null };
  if (err instanceof EngineUnreachableError) return { key: ENGINE_UNREACHABLE, params: {}, detail: err.message };
  return { key: 'unexpected', params: {}, detail: err instanceof Error ? err.message : String(err) };
}

const clampPercent = (percent: number) => Math.max(0, Math.min(100, Math.round(percent)));

/** Jobs live in the database (what the dashboard shows); Bull only schedules them. */
@Injectable()
export class JobsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly updates = new Subject<JobSnapshot>();
  private pruning: NodeJS.Timeout | undefined;

  constructor(
    private readonly jobs: JobRepository,
    @InjectQueue(JOBS_QUEUE) private readonly queue: Queue<JobPayload>,
    private readonly clock: Clock,
  ) {}

  onApplicationShutdown(): void {
    clearInterval(this.pruning);
  }

  /** Drops old finished jobs so the table does not grow for ever; at boot, then daily. */
  async prune(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - JOB_RETENTION.days * DAY_MS);
    return this.jobs.pruneFinished(before, JOB_RETENTION.keep);
  }

  /** A manager that died mid-job leaves rows "running": settle them so nothing stays stuck. */
  async onApplicationBootstrap(): Promise<void> {
    const prune = () =>
      this.prune().catch((err: unknown) => this.logger.warn(`Pruning old jobs failed: ${String(err)}`));
    this.pruning = setInterval(() => void prune(), DAY_MS);
    this.pruning.unref();
    await prune();
    for (const job of await this.jobs.findInStates(['running', 'queued'])) {
      const queued = job.state === 'queued' ? await this.queue.getJob(job.id) : null;
      if (queued) continue;
      // The services are reconciled at boot anyway; the web app says so under this key.
      await this.fail(job.id, 'interrupted');
      this.logger.warn(`Settled job ${job.id} (${job.kind} ${job.target}) left unfinished by a previous run`);
    }
  }

  /** A queued job row for an operation on `target`; refused while another one on it is unfinished. */
  async record(kind: JobKind, target: string): Promise<JobSnapshot> {
    if (await this.jobs.findActiveFor(target)) {
      throw new ApiException(
        HttpStatus.CONFLICT,
        `An operation on ${target} is already under way; wait for it to finish.`,
      );
    }
    const job = queuedJob(randomUUID(), kind, target, this.clock.now());
    await this.jobs.insert(job);
    this.updates.next(snapshot(job));
    return snapshot(job);
  }

  /** Records a job and queues it for the processor, which hands it to its kind's handler. */
  async create(kind: JobKind, target: string, options: JobOptions = {}): Promise<JobSnapshot> {
    const job = await this.record(kind, target);
    // No timeout: a pull on a slow line can take long, and Bull renews its lock while we work.
    await this.queue.add(
      JOB_NAME,
      { jobId: job.id, kind, target, options },
      { jobId: job.id, removeOnComplete: true, removeOnFail: true },
    );
    return job;
  }

  async get(id: string): Promise<JobSnapshot> {
    const job = /^[0-9a-f-]{36}$/.test(id) ? await this.jobs.findById(id) : null;
    if (!job) throw new ApiException(HttpStatus.NOT_FOUND, 'No such job.');
    return snapshot(job);
  }

  /** Current state first, then every change, completing after the final state. */
  async follow(id: string): Promise<Observable<JobSnapshot>> {
    const current = await this.get(id);
    return this.updates.pipe(
      filter((s) => s.id === id),
      startWith(current),
      takeWhile((s) => !TERMINAL.has(s.state), true),
    );
  }

  /** Takes a queued row; false for a settled one or a copy already taken (never run a job twice). */
  async start(id: string): Promise<boolean> {
    const job = await this.jobs.findById(id);
    if (!job || job.state !== 'queued') return false;
    await this.save(job, { state: 'running' });
    return true;
  }

  /** Records progress of a running job (a late report after the end is dropped). */
  async progress(id: string, progress: JobProgress): Promise<void> {
    const job = await this.jobs.findById(id);
    if (job?.state !== 'running') return;
    await this.save(job, {
      stage: progress.stage,
      stageParams: JSON.stringify(progress.params),
      progress: clampPercent(progress.percent),
    });
  }

  async succeed(id: string, result: string, resultParams: JobStageParams = {}): Promise<void> {
    const job = await this.jobs.findById(id);
    if (!job) return;
    await this.save(job, {
      state: 'succeeded',
      stage: 'done',
      stageParams: '{}',
      progress: 100,
      resultKey: result,
      resultParams: JSON.stringify(resultParams),
      errorKey: null,
      errorParams: null,
      errorDetail: null,
    });
  }

  /** Fails with a key the web app translates; the stage shows where it stopped. */
  async fail(id: string, key: string, errorParams: JobStageParams = {}, detail: string | null = null): Promise<void> {
    const job = await this.jobs.findById(id);
    if (!job) return;
    await this.save(job, {
      state: 'failed',
      resultKey: null,
      resultParams: null,
      errorKey: key,
      errorParams: JSON.stringify(errorParams),
      errorDetail: detail,
    });
  }

  /** Fails with what was thrown: see failureOf. */
  async failWith(id: string, err: unknown): Promise<JobError> {
    const failure = failureOf(err);
    await this.fail(id, failure.key, failure.params, failure.detail);
    return failure;
  }

  /** Writes only the changed columns, so a stale read cannot put back what another write changed. */
  private async save(job: JobEntity, patch: Parameters<JobRepository['update']>[1]): Promise<void> {
    const updatedAt = this.clock.now();
    await this.jobs.update(job.id, { ...patch, updatedAt });
    this.updates.next(snapshot({ ...job, ...patch, updatedAt }));
  }
}
