import type { HeartbeatService } from '../fleet-link/link.types';

export const SERVICE_ACTIONS = ['restart', 'update'] as const;
export type ServiceAction = (typeof SERVICE_ACTIONS)[number];

/** A job's end as the link reports it; null while it runs. */
export interface JobEnd {
  succeeded: boolean;
  /** A message key (jobs.result.<key> or jobs.error.<key>). */
  key: string;
}

/**
 * What the link reads and triggers on this appliance, through the services the dashboard uses (never
 * a copy of their logic). In appliance mode: ApplianceLocal (local-appliance.module.ts).
 */
export abstract class LocalAppliance {
  /** The community's name, sent once with the enrollment. */
  abstract communityName(): Promise<string>;
  /** The manager's version (its image's version label), or 'unknown'. */
  abstract version(): Promise<string>;
  /** Each feature (chat, pad, files) with its state and health, as the dashboard shows them. */
  abstract services(): Promise<HeartbeatService[]>;
  /** Free bytes of the data directory's disk; null when it cannot be read. */
  abstract diskFreeBytes(): Promise<number | null>;
  abstract lastBackupAt(): Promise<Date | null>;
  /** Recent failures as message keys (diagnostics): never a secret, never a path. */
  abstract recentErrors(): Promise<string[]>;
  /** The feature names a command may name (chat, pad, files). */
  abstract features(): readonly string[];
  /** Queues a backup of everything, as the dashboard's button does. */
  abstract queueBackup(): Promise<string>;
  abstract queueServiceAction(feature: string, action: ServiceAction): Promise<string>;
  /** Undefined when the job is unknown (pruned): the link reports it failed. */
  abstract jobEnd(jobId: string): Promise<JobEnd | null | undefined>;
  /**
   * Makes (or updates) the backup place on the host that each backup is copied to: restic's REST
   * protocol at `url`, whose credentials go to a 0600 file only. Nothing to do without backups.
   */
  useOffsitePlace(_place: OffsitePlace): Promise<void> {
    return Promise.resolve();
  }
  /**
   * After leaving: the host's off-site place stops receiving copies (kept, not deleted: its backups
   * stay readable for a restore until the admin removes it).
   */
  stopOffsitePlace(_upstreamUrl: string, _applianceId: string): Promise<void> {
    return Promise.resolve();
  }
}

/** The host's off-site repository as a backup place: a REST URL with its credentials, and a label. */
export interface OffsitePlace {
  label: string;
  url: string;
}
