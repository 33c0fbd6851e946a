import { JobFailure } from '../jobs/job-handler';
import { ResticError, type ResticRunOptions, type ResticStatus } from './restic.types';

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
  // The repository stops restic on abort; the race settles the job even if stopping it hangs too.
  expired.catch(() => undefined);
  try {
    return await Promise.race([
      call({
        signal: controller.signal,
        onStatus: (status) => {
          if (status.bytesDone > seen.bytesDone || status.percentDone > seen.percentDone) onActivity();
          seen = {
            bytesDone: Math.max(seen.bytesDone, status.bytesDone),
            percentDone: Math.max(seen.percentDone, status.percentDone),
          };
          onStatus?.(status);
        },
      }),
      expired,
    ]);
  } catch (err) {
    if (controller.signal.aborted || (err instanceof ResticError && err.reason === 'timeout')) {
      throw new JobFailure('backupTimeout', { seconds: timeoutSec }, err instanceof Error ? err.message : String(err));
    }
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
