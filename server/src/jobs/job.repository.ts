import { Injectable } from '@nestjs/common';
import { DataSource, In, LessThan, Not } from 'typeorm';
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

  async update(id: string, patch: Partial<Omit<JobEntity, 'id' | 'kind' | 'target' | 'createdAt'>>) {
    await this.repo.update({ id }, patch);
  }

  findInStates(states: JobState[]): Promise<JobEntity[]> {
    return this.repo.findBy({ state: In(states) });
  }

  /** The unfinished job for a target, if any: one operation per feature (or the appliance) at a time. */
  findActiveFor(target: string): Promise<JobEntity | null> {
    return this.repo.findOneBy({ target, state: In(['queued', 'running']) });
  }

  /** The most recent job for a target (to tell why its last operation failed, after a reload). */
  findLatestFor(target: string): Promise<JobEntity | null> {
    return this.repo.findOne({ where: { target }, order: { createdAt: 'DESC' } });
  }

  /** Deletes finished jobs last changed before `before`, always keeping the `keep` most recent jobs. */
  async pruneFinished(before: Date, keep: number): Promise<number> {
    const recent = await this.repo.find({ select: { id: true }, order: { createdAt: 'DESC' }, take: keep });
    const result = await this.repo.delete({
      state: In(['succeeded', 'failed']),
      updatedAt: LessThan(before),
      id: Not(In(recent.map((job) => job.id))),
    });
    return result.affected ?? 0;
  }
}
