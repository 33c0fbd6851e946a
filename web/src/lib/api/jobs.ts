/**
 * The job snapshot (GET /api/jobs/:id and each server-sent event of /api/jobs/:id/events).
 * It mirrors the server's JobSnapshot DTO (server/src/jobs): progress as a stage key with its
 * parameters, a result or an error as a message key, never an English sentence. Once the generated
 * schema.d.ts carries that DTO, these become aliases of `components['schemas'][...]` (JobDto,
 * JobProgressDto, JobResultDto, JobErrorDto) and `api.job` loses its cast.
 */
import type { JobKind, JobState } from './types';

/** Keep in step with JOB_STAGES in server/src/jobs/job-progress.ts (each has its text in i18n). */
export type JobStage =
  | 'queued'
  | 'download'
  | 'createNetwork'
  | 'createVolume'
  | 'create'
  | 'start'
  | 'stop'
  | 'remove'
  | 'replace'
  | 'restart'
  | 'databases'
  | 'dropDatabases'
  | 'proxy'
  | 'matrixAdmin'
  | 'removeVolume'
  | 'health'
  | 'rollback'
  | 'channel'
  | 'localImage'
  | 'helper'
  | 'handover'
  | 'done';

/** Names of things (a service id, an image reference), never sentences. */
export type JobParams = Record<string, string | number>;

export interface JobProgress {
  stage: JobStage;
  params: JobParams;
  /** 0..100 */
  percent: number;
}

export interface JobResult {
  key: string;
  params: JobParams;
}

export interface JobError {
  key: string;
  params: JobParams;
  /** The technical detail, shown apart (« Détails techniques »). */
  detail: string | null;
}

export interface Job {
  id: string;
  kind: JobKind;
  target: string;
  state: JobState;
  progress: JobProgress;
  result: JobResult | null;
  error: JobError | null;
}
