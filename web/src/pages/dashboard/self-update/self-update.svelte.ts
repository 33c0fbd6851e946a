import { api, isApiError, type Job, type JobError, type SelfUpdateStatus } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import type { Message } from '../../../lib/i18n';
import { expireIfUnauthorized } from '../../../lib/session.svelte';
import { Loader } from '../loader.svelte';
import { JobFollower } from '../../../lib/job-follower.svelte';

/**
 * idle → confirming → running (the job's progress, live) → restarting (the helper stopped this
 * manager: poll /api/health, then reload the page) → after the reload, finishing while the helper
 * still reports (`updating`) → idle with the last result. A job that fails before the hand-over ends
 * in idle with its reason.
 */
export type Phase = 'idle' | 'confirming' | 'running' | 'restarting' | 'finishing';

const POLL_MS = 2000;
/**
 * Survives the reload onto the manager that answers next. That one may be the new image about to be
 * rolled back, gone a few seconds later: the reloaded page goes on waiting for the result (reloading
 * again when the previous manager is back) instead of showing a page of failed requests.
 */
const AWAITING_KEY = 'tl.selfUpdate.awaiting';
/** Answers with no helper running and no new result before the wait ends anyway (a helper that died). */
const IDLE_ANSWERS = 3;

interface Awaiting {
  lastAt: string | null;
}

function readAwaiting(): Awaiting | null {
  try {
    const raw = sessionStorage.getItem(AWAITING_KEY);
    return raw ? (JSON.parse(raw) as Awaiting) : null;
  } catch {
    return null;
  }
}

/** Why the update did not start: an API refusal (translated or the server's reason), or the job's error. */
export type SelfUpdateError = Message | { reason: string } | { job: JobError | null };

export class SelfUpdateState {
  readonly loader = new Loader<SelfUpdateStatus>(() => api.selfUpdate());
  phase = $state<Phase>('idle');
  error = $state<SelfUpdateError | null>(null);
  readonly follower = new JobFollower((job) => this.jobEnded(job));

  private timer: ReturnType<typeof setTimeout> | undefined;
  /** `last.at` when this update started: a different one is this update's result. */
  private lastAt: string | null = null;
  private lost = false;
  private idleAnswers = 0;

  get job(): Job | null {
    return this.follower.job;
  }

  async load(): Promise<void> {
    const awaiting = this.phase === 'idle' ? readAwaiting() : null;
    if (awaiting) {
      // This page was reloaded during an update: wait for its result, whatever this first load gives.
      this.phase = 'finishing';
      this.lastAt = awaiting.lastAt;
      this.idleAnswers = 0;
      this.schedule();
    }
    await this.loader.load();
    const status = this.loader.data;
    if (status?.updating && this.phase === 'idle') {
      this.phase = 'finishing';
      this.lastAt = status.last?.at ?? null;
      if (status.jobId) this.follower.follow(status.jobId);
      this.schedule();
    }
  }

  async start(): Promise<void> {
    this.phase = 'running';
    this.error = null;
    this.lost = false;
    this.lastAt = this.loader.data?.last?.at ?? null;
    try {
      const { jobId } = await api.startSelfUpdate();
      this.follower.follow(jobId);
      this.schedule();
    } catch (error) {
      this.phase = 'idle';
      if (expireIfUnauthorized(error)) return;
      this.error = isApiError(error, 409) ? { reason: error.message } : errorMessage(error);
      void this.loader.load();
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.follower.close();
  }

  /** The job ended while this manager still ran: it failed before the hand-over, or had nothing to do. */
  private jobEnded(job: Job | null): void {
    if (this.phase !== 'running') return;
    if (job?.state === 'failed') this.error = { job: job.error };
    this.finish();
  }

  private finish(): void {
    sessionStorage.removeItem(AWAITING_KEY);
    clearTimeout(this.timer);
    this.follower.close();
    this.phase = 'idle';
    void this.loader.load();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), POLL_MS);
  }

  private async tick(): Promise<void> {
    if (this.phase === 'idle' || this.phase === 'confirming') return;
    // The helper took over (server/src/self-update): this manager is about to stop.
    if (this.job?.progress.stage === 'handover' && this.phase === 'running') this.phase = 'restarting';
    if (this.lost) {
      // The manager went away; the one answering now may be new code: reload the whole app.
      try {
        await api.health();
        const awaiting: Awaiting = { lastAt: this.lastAt };
        sessionStorage.setItem(AWAITING_KEY, JSON.stringify(awaiting));
        window.location.reload();
        return;
      } catch {
        // Not back yet.
      }
    } else {
      try {
        const status = await api.selfUpdate();
        const ended = !status.updating && (status.last?.at ?? null) !== this.lastAt;
        this.idleAnswers = status.updating ? 0 : this.idleAnswers + 1;
        if (ended || (this.phase === 'finishing' && this.idleAnswers >= IDLE_ANSWERS)) {
          this.loader.data = status;
          this.finish();
          return;
        }
      } catch (error) {
        if (expireIfUnauthorized(error)) return;
        if (isApiError(error, 0, 502, 503, 504)) {
          // The helper stopped this manager: stop following the job, wait for the next one to answer.
          this.lost = true;
          this.phase = 'restarting';
          this.follower.close();
        }
      }
    }
    this.schedule();
  }
}
