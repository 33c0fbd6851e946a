import type { Step } from '../engine/engine.types';

const BASE_DELAY_MS = 60_000;
const MAX_DELAY_MS = 60 * 60_000;
/** Below this, a download could fill the disk the databases write to. */
export const MIN_FREE_BYTES_FOR_PULL = 2 * 1024 ** 3;

/** Not enough free disk to download `images`: the job says how much is free and needed. */
export class NoRoomToDownloadError extends Error {
  constructor(
    readonly images: readonly string[],
    readonly freeGiB: string,
    readonly neededGiB: string,
  ) {
    super(
      `Only ${freeGiB} GiB free on the data disk; downloading ${images.join(', ')} ` +
        `needs at least ${neededGiB} GiB. Free some space, then try again.`,
    );
    this.name = 'NoRoomToDownloadError';
  }
}

/**
 * Downloads are where a small appliance runs out of disk or hammers an unreachable registry
 * (balena-supervisor #29, #674): check the free space first, and back off per image after a failure
 * so the periodic reconciliation does not retry every minute.
 */
export class PullGuard {
  private readonly failures = new Map<string, { count: number; until: number }>();

  /** Throws a message a volunteer can act on when these steps must not download now. */
  check(steps: readonly Step[], freeBytes: number, now: number, background: boolean): void {
    const pulls = steps.filter((s): s is Extract<Step, { kind: 'pull' }> => s.kind === 'pull');
    if (pulls.length === 0) return;
    if (freeBytes < MIN_FREE_BYTES_FOR_PULL) {
      const gib = (n: number) => (n / 1024 ** 3).toFixed(1);
      throw new NoRoomToDownloadError(
        pulls.map((p) => p.image),
        gib(freeBytes),
        gib(MIN_FREE_BYTES_FOR_PULL),
      );
    }
    if (!background) return; // an admin's explicit action always tries again
    const waiting = pulls.find((p) => (this.failures.get(p.image)?.until ?? 0) > now);
    if (waiting) {
      const seconds = Math.ceil((this.failures.get(waiting.image)!.until - now) / 1000);
      throw new Error(`The last download of ${waiting.image} failed; next try in ${seconds} s.`);
    }
  }

  failed(image: string, now: number): void {
    const count = (this.failures.get(image)?.count ?? 0) + 1;
    const delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (count - 1));
    this.failures.set(image, { count, until: now + delay });
  }

  succeeded(images: Iterable<string>): void {
    for (const image of images) this.failures.delete(image);
  }
}
