import { JobFailure } from '../jobs/job-handler';
import { ResticError, type ResticRunOptions, type ResticStatus } from './restic.types';

/** How long a stopped call may take to end (restic's container killed and removed) before the job fails anyway. */
export const STOP_GRACE_MS = 30_000;

/**
 * Runs one restic call with a watchdog: an AbortSignal fires after `timeoutSec` without a word from
 * the target (no progress report, no end), so a REST server that stops answering fails this job with
 * `backupTimeout` instead of holding the data lock and blocking every later backup. Progress resets
 * the clock: a long first backup over a slow line is not a hung one. Only progress counts: restic
 * repeats its status while stuck, so a status that moved nothing is silence.
 */
export async function watched<T>(
  timeoutSec: number,
  call: (options: ResticRunOptions) => Promise<T>,
  onStatus?: (status: ResticStatus) => void,
  graceMs = STOP_GRACE_MS,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let onActivity: () => void = () => undefined;
  let seen = { bytesDone: -1, percentDone: -1 };
  const expired = new Promise<never>((_, reject) => {
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const reason = new ResticError('timeout', `no answer from the backup target for ${timeoutSec} s`);
        controller.abort(reason);
        reject(reason);
      }, timeoutSec * 1000);
    };
    arm();
    onActivity = arm;
  });
  expired.catch(() => undefined);
  const running = call({
    signal: controller.signal,
    onStatus: (status) => {
      if (status.bytesDone > seen.bytesDone || status.percentDone > seen.percentDone) onActivity();
      seen = {
        bytesDone: Math.max(seen.bytesDone, status.bytesDone),
        percentDone: Math.max(seen.percentDone, status.percentDone),
      };
      onStatus?.(status);
    },
  });
  running.catch(() => undefined);
  try {
    return await Promise.race([running, expired]);
  } catch (err) {
    if (controller.signal.aborted || (err instanceof ResticError && err.reason === 'timeout')) {
      // The repository stops restic on abort: wait for that, so the data lock is released with nothing
      // left running; bounded, so the job fails even if stopping it hangs too.
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([running.catch(() => undefined), new Promise((r) => (grace = setTimeout(r, graceMs)))]);
      clearTimeout(grace);
      throw new JobFailure('backupTimeout', { seconds: timeoutSec }, err instanceof Error ? err.message : String(err));
    }
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
