import { InjectQueue } from '@nestjs/bull';
import { HttpStatus, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bull';
import { randomUUID } from 'node:crypto';
import { Observable, Subject, filter, startWith, takeWhile } from 'rxjs';
import { ApiException } from '../common/api-error';
import { Clock } from '../common/clock';
import { JOBS_QUEUE } from '../queue/queue.constants';
import { JobEntity } from './job.entity';
import { JobRepository } from './job.repository';
import type { JobKind, JobPayload, JobSnapshot } from './job.types';

export const JOB_NAME = 'operation';
const TERMINAL = new Set(['succeeded', 'failed']);
/** Finished jobs are history for the dashboard: a month of it, and never fewer than the last 100. */
export const JOB_RETENTION = { days: 30, keep: 100 } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

function snapshot(job: JobEntity): JobSnapshot {
  const { id, kind, target, state, progress, detail, error } = job;
  return { id, kind, target, state, progress, detail, error };
}

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
      await this.fail(job.id, 'Interrupted by a restart of the manager; the services were reconciled at boot.');
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
    const now = this.clock.now();
    const job: JobEntity = {
      id: randomUUID(),
      kind,
      target,
      state: 'queued',
      progress: 0,
      detail: null,
      error: null,
      createdAt: now,
      updatedAt: now,
    };
    await this.jobs.insert(job);
    this.updates.next(snapshot(job));
    return snapshot(job);
  }

  /** Records an operation and queues it for the services' processor. */
  async create(kind: JobKind, target: string, options: Record<string, boolean> = {}): Promise<JobSnapshot> {
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

  async start(id: string): Promise<boolean> {
    const job = await this.jobs.findById(id);
    if (!job || job.state !== 'queued') return false;
    await this.save(job, { state: 'running', detail: null });
    return true;
  }

  async progress(id: string, progress: number, detail: string): Promise<void> {
    const job = await this.jobs.findById(id);
    if (job) await this.save(job, { progress: Math.max(0, Math.min(100, Math.round(progress))), detail });
  }

  async succeed(id: string, detail?: string): Promise<void> {
    const job = await this.jobs.findById(id);
    if (job) await this.save(job, { state: 'succeeded', progress: 100, detail: detail ?? job.detail });
  }

  async fail(id: string, error: string): Promise<void> {
    const job = await this.jobs.findById(id);
    if (job) await this.save(job, { state: 'failed', error });
  }

  private async save(job: JobEntity, patch: Partial<JobEntity>): Promise<void> {
    const next = { ...job, ...patch, updatedAt: this.clock.now() };
    await this.jobs.update(job.id, {
      state: next.state,
      progress: next.progress,
      detail: next.detail,
      error: next.error,
      updatedAt: next.updatedAt,
    });
    this.updates.next(snapshot(next));
  }
}
