/** One definition of job kinds and states, shared by the API, SSE payloads and the web app. */
export const JOB_KINDS = ['enable', 'disable', 'start', 'stop', 'restart', 'update', 'reconcile'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export const JOB_STATES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface JobSnapshot {
  id: string;
  kind: JobKind;
  target: string;
  state: JobState;
  progress: number;
  detail: string | null;
  error: string | null;
}

/** What the Bull job carries: the database row is the source of truth, the queue only schedules. */
export interface JobPayload {
  jobId: string;
  kind: JobKind;
  target: string;
  options: Readonly<Record<string, boolean>>;
}
