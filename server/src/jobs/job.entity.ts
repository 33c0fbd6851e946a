import { Entity } from 'typeorm';
import { DateColumn, IntegerColumn, KeyColumn, TextColumn } from '../database/columns';
import type { JobStage } from './job-progress';
import type { JobKind, JobState } from './job.types';

/** Progress, result and error are keys with JSON parameters, translated by the web app. */
@Entity('job')
export class JobEntity {
  @KeyColumn() id: string;
  @TextColumn() kind: JobKind;
  @TextColumn() target: string;
  @TextColumn() state: JobState;
  @TextColumn() stage: JobStage;

  /** JSON object of the stage's parameters. */
  @TextColumn() stageParams: string;

  /** Percent, 0..100. */
  @IntegerColumn() progress: number;

  @TextColumn({ nullable: true }) resultKey: string | null;
  @TextColumn({ nullable: true }) resultParams: string | null;
  @TextColumn({ nullable: true }) errorKey: string | null;
  @TextColumn({ nullable: true }) errorParams: string | null;
  @TextColumn({ nullable: true }) errorDetail: string | null;

  @DateColumn() createdAt: Date;
  @DateColumn() updatedAt: Date;
}

/** A job row as it is recorded: queued, no progress, no result or error yet. */
export function queuedJob(id: string, kind: JobKind, target: string, at: Date): JobEntity {
  return {
    id,
    kind,
    target,
    state: 'queued',
    stage: 'queued',
    stageParams: '{}',
    progress: 0,
    resultKey: null,
    resultParams: null,
    errorKey: null,
    errorParams: null,
    errorDetail: null,
    createdAt: at,
    updatedAt: at,
  };
}
