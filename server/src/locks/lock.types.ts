/**
 * Named appliance locks. `engine`: anything that changes containers, networks or volumes (reconciles,
 * service operations, self-update, restores). `data`: anything that reads or replaces the services'
 * data as a whole (backups, restores). Take several in this order only: engine, then data.
 */
export const LOCK_NAMES = ['engine', 'data'] as const;
export type LockName = (typeof LOCK_NAMES)[number];

/** Who holds or waits for a lock, for the status API ("a backup is running since …"). */
export interface LockHolder {
  lock: LockName;
  /** A stable key: `reconcile`, `job:<id>`, `self-update`, `backup:<id>`. */
  holder: string;
  since: Date;
}
