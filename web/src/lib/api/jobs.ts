/**
 * The job snapshot (GET /api/jobs/:id and each server-sent event of /api/jobs/:id/events), from the
 * generated schema: progress as a stage key with its parameters, a result or an error as a message
 * key, never an English sentence.
 */
import type { components } from './schema';

type Schemas = components['schemas'];
export type Job = Schemas['JobDto'];
export type JobProgress = Schemas['JobProgressDto'];
export type JobStage = JobProgress['stage'];
export type JobParams = JobProgress['params'];
export type JobResult = Schemas['JobResultDto'];
export type JobError = Schemas['JobErrorDto'];
