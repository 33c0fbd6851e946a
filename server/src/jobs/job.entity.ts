import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { JobStage } from './job-progress';
import type { JobKind, JobState } from './job.types';

/** Progress, result and error are keys with JSON parameters, translated by the web app. */
@Entity('job')
export class JobEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('text')
  kind: JobKind;

  @Column('text')
  target: string;

  @Column('text')
  state: JobState;

  @Column('text')
  stage: JobStage;

  /** JSON object of the stage's parameters. */
  @Column('text', { name: 'stage_params' })
  stageParams: string;

  /** Percent, 0..100. */
  @Column('integer')
  progress: number;

  @Column('text', { name: 'result_key', nullable: true })
  resultKey: string | null;

  @Column('text', { name: 'result_params', nullable: true })
  resultParams: string | null;

  @Column('text', { name: 'error_key', nullable: true })
  errorKey: string | null;

  @Column('text', { name: 'error_params', nullable: true })
  errorParams: string | null;

  @Column('text', { name: 'error_detail', nullable: true })
  errorDetail: string | null;

  @Column('datetime', { name: 'created_at' })
  createdAt: Date;

  @Column('datetime', { name: 'updated_at' })
  updatedAt: Date;
}
