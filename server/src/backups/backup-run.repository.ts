import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { JobError } from '../jobs/job.types';
import { BackupRunEntity } from './backup-run.entity';
import type { BackupRunView } from './backup.types';

const HISTORY = 50;

export function runView(run: BackupRunEntity): BackupRunView {
  const view: BackupRunView = {
    id: run.id,
    jobId: run.jobId,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt ? run.finishedAt.toISOString() : null,
    state: run.state,
  };
  if (run.errorKey) {
    view.error = {
      key: run.errorKey,
      params: run.errorParams ? (JSON.parse(run.errorParams) as JobError['params']) : {},
      detail: run.errorDetail,
    };
  }
  return view;
}

/** The backup runs table: what the overview lists, and what a restarted manager finds half done. */
@Injectable()
export class BackupRunRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(BackupRunEntity);
  }

  async start(id: string, jobId: string, scopes: readonly string[], at: Date): Promise<void> {
    await this.repo.insert({
      id,
      jobId,
      state: 'running',
      scopes: JSON.stringify(scopes),
      startedAt: at,
      finishedAt: null,
      sizeBytes: 0,
      errorKey: null,
      errorParams: null,
      errorDetail: null,
    });
  }

  async succeed(id: string, at: Date, sizeBytes: number): Promise<void> {
    await this.repo.update({ id }, { state: 'succeeded', finishedAt: at, sizeBytes });
  }

  async fail(id: string, error: JobError, at: Date): Promise<void> {
    await this.repo.update(
      { id },
      {
        state: 'failed',
        finishedAt: at,
        errorKey: error.key,
        errorParams: JSON.stringify(error.params),
        errorDetail: error.detail,
      },
    );
  }

  /** A run whose local point is kept, with what went wrong after it (an off-site copy). */
  async noteError(id: string, error: JobError): Promise<void> {
    await this.repo.update(
      { id },
      { errorKey: error.key, errorParams: JSON.stringify(error.params), errorDetail: error.detail },
    );
  }

  find(id: string): Promise<BackupRunEntity | null> {
    return this.repo.findOneBy({ id });
  }

  /** Every run by id (the overview joins restic's points with them). */
  async byId(): Promise<Map<string, BackupRunEntity>> {
    return new Map((await this.repo.find()).map((run) => [run.id, run]));
  }

  running(): Promise<BackupRunEntity[]> {
    return this.repo.findBy({ state: 'running' });
  }

  /** The most recent runs, newest first. */
  recent(): Promise<BackupRunEntity[]> {
    return this.repo.find({ order: { startedAt: 'DESC' }, take: HISTORY });
  }

  lastSuccess(): Promise<BackupRunEntity | null> {
    return this.repo.findOne({ where: { state: 'succeeded' }, order: { startedAt: 'DESC' } });
  }
}
