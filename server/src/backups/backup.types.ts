import type { ServiceId } from '../catalog/catalog.types';
import type { JobError } from '../jobs/job.types';

/**
 * Backups: the words and shapes every part of the backups module shares.
 *
 * A "backup point" (what the dashboard lists and restores, the API's `snapshots[]`) is one run of
 * ours. restic stores it as several restic snapshots (one per database dump, per volume, and one for
 * the manager's own files), all tagged `run=<runId>`, plus `service=<id>` and `kind=<part kind>`, so a
 * service or everything can be restored from one point, and retention forgets whole points.
 */
export const BACKUP_TARGET_JOB = 'backups';

/** restic tags, `<name>=<value>`. */
export const BACKUP_TAGS = { run: 'run', service: 'service', kind: 'kind' } as const;
export const BACKUP_PART_KINDS = ['database', 'volume', 'appliance'] as const;
export type BackupPartKind = (typeof BACKUP_PART_KINDS)[number];
/** The manager's own database, settings and secrets are tagged with this service name. */
export const APPLIANCE_PART = 'appliance';

export const tag = (name: keyof typeof BACKUP_TAGS, value: string) => `${BACKUP_TAGS[name]}=${value}`;

/** One backup point, as the API lists it. `id` is the run id; `services` the services it holds. */
export interface BackupPointView {
  id: string;
  /** ISO 8601. */
  time: string;
  services: string[];
  sizeBytes: number;
}

export const BACKUP_RUN_STATES = ['running', 'succeeded', 'failed'] as const;
export type BackupRunState = (typeof BACKUP_RUN_STATES)[number];

export interface BackupRunView {
  id: string;
  /** The job that ran it (progress through /api/jobs/:id). */
  jobId: string;
  startedAt: string;
  finishedAt: string | null;
  state: BackupRunState;
  error?: JobError;
}

/** GET /api/backups */
export interface BackupOverview {
  lastSuccessAt: string | null;
  nextRunAt: string | null;
  /** True when the last success is older than 48 h (or there is none, once a backup was due). */
  overdue: boolean;
  snapshots: BackupPointView[];
  runs: BackupRunView[];
}

/** `forget --keep-daily/--keep-weekly/--keep-monthly`, applied per backup point (grouped by the run tag). */
export interface RetentionPolicy {
  daily: number;
  weekly: number;
  monthly: number;
}
export const DEFAULT_RETENTION: RetentionPolicy = { daily: 7, weekly: 4, monthly: 6 };

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** GET/PUT /api/backups/schedule. `time` is HH:MM in the appliance's time zone. */
export interface BackupSchedule {
  enabled: boolean;
  time: string;
  days: Weekday[];
  retention: RetentionPolicy;
}
export const DEFAULT_SCHEDULE: BackupSchedule = {
  enabled: true,
  time: '03:00',
  days: [...WEEKDAYS],
  retention: DEFAULT_RETENTION,
};

/** What one part of a backup is: a database dump or a volume of a service, or the manager's own files. */
export type BackupPart =
  | { kind: 'database'; service: ServiceId; database: string }
  | { kind: 'volume'; service: ServiceId; volume: string }
  | { kind: 'appliance' };

/** Job options (see JobOptions): `backup` takes `services`; `backupRestore` takes `snapshot` and `services`. */
export interface BackupJobOptions {
  services?: readonly string[];
}
export interface RestoreJobOptions {
  snapshot: string;
  services: readonly string[];
}
