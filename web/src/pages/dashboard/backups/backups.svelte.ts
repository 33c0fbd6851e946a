import {
  api,
  isApiError,
  type BackupOverview,
  type BackupSchedule,
  type BackupScope,
  type FeatureId,
  type Job,
  type JobAccepted,
} from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { hasMessage, type Message } from '../../../lib/i18n';
import { JobFollower } from '../../../lib/job-follower.svelte';
import { expireIfUnauthorized } from '../../../lib/session.svelte';
import { Loader } from '../loader.svelte';
import { runningRun } from './backup-text';
import { placeProblem } from './restore-offsite';

/** What the one operation under way is: backups, restores and checks run one at a time on the server. */
export type Operation = 'backup' | 'restore' | 'check' | 'export';

/**
 * The backups section's state: the overview and the schedule, and the one operation this page follows
 * (started here, or a backup found running at load, e.g. after a reload). When it ends, the overview
 * is loaded again, so a new backup point appears in the history.
 */
export class BackupsState {
  readonly overview = new Loader<BackupOverview>(() => api.backups());
  readonly schedule = new Loader<BackupSchedule>(() => api.backupSchedule());
  readonly follower = new JobFollower(() => void this.overview.load());
  operation = $state<Operation | null>(null);
  /** A request on its way (before the server accepted it). */
  requesting = $state<Operation | null>(null);
  /** Why the last request was refused (409: something else runs), until the next one. */
  refused = $state<Message | null>(null);

  get busy(): boolean {
    return this.requesting !== null || this.follower.active;
  }

  get job(): Job | null {
    return this.follower.job;
  }

  async load(): Promise<void> {
    await Promise.all([this.overview.load(), this.schedule.load()]);
    const running = runningRun(this.overview.data?.runs ?? []);
    if (running && !this.follower.active) {
      this.operation = 'backup';
      this.follower.follow(running.jobId);
    }
  }

  backUp(): Promise<boolean> {
    return this.start('backup', () => api.backUp());
  }

  /** From this server's repository, or from another place (`targetId`): its refusals name the place's problem. */
  restore(pointId: string, services: BackupScope[], targetId?: string): Promise<boolean> {
    const body = targetId ? { services, targetId } : { services };
    const place = (error: unknown) => (isApiError(error) ? placeProblem(error.errors, hasMessage) : undefined);
    return this.start('restore', () => api.restoreBackup(pointId, body), place);
  }

  check(): Promise<boolean> {
    return this.start('check', () => api.checkBackups());
  }

  /** One feature of a point as an encrypted archive; the passphrase goes to the server and nowhere else. */
  exportBackup(pointId: string, service: FeatureId, passphrase: string): Promise<boolean> {
    // A 400 without a field named: the point no longer holds that data (retention removed it meanwhile).
    const gone = (error: unknown): Message | undefined =>
      isApiError(error, 400) && !error.errors?.length ? { key: 'backups.export.gone' } : undefined;
    return this.start('export', () => api.exportBackup({ service, pointId, passphrase }), gone);
  }

  /** The recovery key just made, shown once in its dialog, then forgotten. */
  recoveryKey = $state<string | null>(null);
  makingKey = $state(false);
  keyError = $state<Message | null>(null);

  async makeRecoveryKey(): Promise<void> {
    if (this.makingKey) return;
    this.makingKey = true;
    this.keyError = null;
    try {
      this.recoveryKey = (await api.makeRecoveryKey()).recoveryKey;
    } catch (error) {
      if (!expireIfUnauthorized(error)) {
        this.keyError = isApiError(error, 409)
          ? { key: this.busy ? 'backups.busy' : 'backups.recoveryKey.noBackup' }
          : errorMessage(error);
      }
    } finally {
      this.makingKey = false;
    }
  }

  /** The admin confirmed: the key leaves memory; the overview now says when it was made. */
  recoveryKeySaved(): void {
    if (this.recoveryKey === null) return;
    this.recoveryKey = null;
    void this.overview.load();
  }

  dispose(): void {
    this.follower.close();
  }

  /** Whether the server accepted it; the page then follows its progress. */
  private async start(
    operation: Operation,
    call: () => Promise<JobAccepted>,
    refusal: (error: unknown) => Message | undefined = () => undefined,
  ): Promise<boolean> {
    if (this.busy) return false;
    this.requesting = operation;
    this.refused = null;
    try {
      const { jobId } = await call();
      this.operation = operation;
      this.follower.follow(jobId);
      // The run is listed as running from now on.
      void this.overview.load();
      return true;
    } catch (error) {
      if (!expireIfUnauthorized(error)) {
        this.refused = isApiError(error, 409) ? { key: 'backups.busy' } : (refusal(error) ?? errorMessage(error));
      }
      return false;
    } finally {
      this.requesting = null;
    }
  }
}
