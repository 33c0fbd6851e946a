import { api, isApiError, streams, type Job } from './api';
import { expireIfUnauthorized } from './session.svelte';

const POLL_MS = 1000;

export function isFinal(job: Job | null): boolean {
  return job?.state === 'succeeded' || job?.state === 'failed';
}

/**
 * Follows one job live: server-sent events from GET /api/jobs/:id/events, or, when the stream
 * fails before the final state, GET /api/jobs/:id every second. `onEnd` runs once, at the end.
 */
export class JobFollower {
  jobId = $state<string | null>(null);
  job = $state<Job | null>(null);
  /** A job was accepted and has not ended yet. */
  readonly active = $derived(this.jobId !== null && !isFinal(this.job));

  private source: EventSource | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;

  constructor(private readonly onEnd: (job: Job | null) => void) {}

  follow(jobId: string): void {
    this.close();
    const generation = ++this.generation;
    this.jobId = jobId;
    this.job = null;
    const source = new EventSource(streams.job(jobId));
    this.source = source;
    source.onmessage = (event: MessageEvent<string>) => {
      if (generation !== this.generation) return;
      this.update(JSON.parse(event.data) as Job);
    };
    source.onerror = () => {
      // The server ends the stream after the final state; any earlier error falls back to polling.
      if (generation !== this.generation || isFinal(this.job)) return;
      this.closeSource();
      void this.poll(generation);
    };
  }

  /** Forgets a failed job's error frame. */
  dismiss(): void {
    if (this.active) return;
    this.close();
    this.jobId = null;
    this.job = null;
  }

  close(): void {
    this.generation += 1;
    this.closeSource();
    clearTimeout(this.timer);
  }

  private update(job: Job): void {
    this.job = job;
    if (!isFinal(job)) return;
    this.close();
    this.onEnd(job);
  }

  private async poll(generation: number): Promise<void> {
    if (generation !== this.generation || this.jobId === null) return;
    try {
      const job = await api.job(this.jobId);
      if (generation !== this.generation) return;
      this.update(job);
      if (isFinal(job)) return;
    } catch (error) {
      if (generation !== this.generation) return;
      if (expireIfUnauthorized(error) || isApiError(error, 403, 404)) {
        // The job cannot be followed any more: stop showing it, the features list tells the rest.
        this.close();
        this.jobId = null;
        this.onEnd(null);
        return;
      }
    }
    this.timer = setTimeout(() => void this.poll(generation), POLL_MS);
  }

  private closeSource(): void {
    this.source?.close();
    this.source = null;
  }
}
