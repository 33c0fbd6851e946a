import type { JobStage, JobStageParams } from './job-progress';

/**
 * Job kinds, grouped by the module that owns them. A module declares its group with @JobKinds (see
 * job-registry.ts), so the boot check only asks for handlers of the modules the mode loads.
 */
export const JOB_KIND_GROUPS = {
  /** Feature operations (features module). */
  features: ['enable', 'disable', 'start', 'stop', 'restart', 'update', 'reconcile'],
  /** The manager's own update (self-update module); its target is always `appliance`. */
  selfUpdate: ['selfUpdate'],
  /** Backups (backups module); their target is always `backups`: one at a time per repository. */
  backups: ['backup', 'backupRestore', 'backupForget', 'backupCheck', 'backupExport'],
} as const;

/** One definition of job kinds and states, shared by the API, SSE payloads and the web app. */
export const JOB_KINDS = Object.values(JOB_KIND_GROUPS).flat();
export type JobKind = (typeof JOB_KIND_GROUPS)[keyof typeof JOB_KIND_GROUPS][number];

export const JOB_STATES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** A key the web app translates (`jobs.result.<key>`, `jobs.error.<key>`) and its parameters. */
export interface JobResult {
  key: string;
  params: JobStageParams;
}

export interface JobError extends JobResult {
  /** The technical detail (an engine message), shown apart; null when the key says it all. */
  detail: string | null;
}

export interface JobSnapshot {
  id: string;
  kind: JobKind;
  target: string;
  state: JobState;
  progress: { stage: JobStage; params: JobStageParams; percent: number };
  result: JobResult | null;
  error: JobError | null;
}

/** What the Bull job carries: the database row is the source of truth, the queue only schedules. */
export interface JobPayload {
  jobId: string;
  kind: JobKind;
  target: string;
  options: JobOptions;
}

/** A repeating firing (see JobTriggers): its owner queues the real jobs. Never a job row of its own. */
export interface TriggerPayload {
  trigger: string;
}

/** What a Bull job of the jobs queue carries. */
export type QueuePayload = JobPayload | TriggerPayload;

/** A job's inputs: flags, names (a snapshot id), lists of names (services). Never secrets: Redis keeps them. */
export type JobOptionValue = boolean | string | readonly string[];
export type JobOptions = Readonly<Record<string, JobOptionValue>>;
