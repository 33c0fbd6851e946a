import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { JobEntity } from './job.entity';
import type { JobState } from './job.types';

@Injectable()
export class JobRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(JobEntity);
  }

  async insert(job: JobEntity): Promise<void> {
    await this.repo.insert(job);
  }

  findById(id: string): Promise<JobEntity | null> {
    return this.repo.findOneBy({ id });
  }

  async update(id: string, patch: Partial<Pick<JobEntity, 'state' | 'progress' | 'detail' | 'error' | 'updatedAt'>>) {
    await this.repo.update({ id }, patch);
  }

  findInStates(states: JobState[]): Promise<JobEntity[]> {
    return this.repo.findBy({ state: In(states) });
  }

  /** The unfinished job for a target, if any: one operation per service at a time. */
  findActiveFor(target: string): Promise<JobEntity | null> {
    return this.repo.findOneBy({ target, state: In(['queued', 'running']) });
  }
}
