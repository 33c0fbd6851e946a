import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JobFailure } from '../jobs/job-handler';
import { watched } from './restic-watchdog';
import { ResticError, type ResticRunOptions } from './restic.types';

/** A restic call that never ends on its own; it ends (rejects) when its signal aborts, as the repository's does. */
function hung(seen: { signal?: AbortSignal }) {
  return (options: ResticRunOptions) =>
    new Promise<never>((_, reject) => {
      seen.signal = options.signal;
      options.signal?.addEventListener('abort', () => reject(new ResticError('timeout', 'restic stopped')));
    });
}

describe('watched', () => {
  it('aborts a call its target never answers and fails the job with backupTimeout once restic stopped', async () => {
    const seen: { signal?: AbortSignal } = {};
    await assert.rejects(watched(0.05, hung(seen)), (err: unknown) => {
      assert.ok(err instanceof JobFailure);
      assert.equal(err.key, 'backupTimeout');
      assert.deepEqual(err.params, { seconds: 0.05 });
      return true;
    });
    assert.equal(seen.signal?.aborted, true, 'restic was told to stop');
  });

  it('fails even when stopping restic hangs too', async () => {
    const never = () => new Promise<never>(() => undefined);
    await assert.rejects(
      watched(0.05, never),
      (err: unknown) => err instanceof JobFailure && err.key === 'backupTimeout',
    );
  });

  it('lets a call that keeps reporting progress run past the timeout', async () => {
    const statuses: number[] = [];
    const result = await watched(
      0.2,
      (options) =>
        new Promise<string>((resolve) => {
          // Progress every 50 ms for 0.5 s in all: twice the timeout, never silent for long.
          let n = 0;
          const tick = setInterval(() => {
            n += 1;
            options.onStatus?.({ percentDone: n / 10, bytesDone: n, totalBytes: 10 });
            if (n === 10) {
              clearInterval(tick);
              resolve('done');
            }
          }, 50);
        }),
      (s) => statuses.push(s.bytesDone),
    );
    assert.equal(result, 'done');
    assert.equal(statuses.length, 10);
  });

  it('counts a status that moved nothing as silence: restic repeats its status while stuck', async () => {
    const statuses: number[] = [];
    const stuck = (options: ResticRunOptions) =>
      new Promise<never>((_, reject) => {
        options.onStatus?.({ percentDone: 0.5, bytesDone: 500, totalBytes: 1000 });
        const tick = setInterval(() => options.onStatus?.({ percentDone: 0.5, bytesDone: 500, totalBytes: 1000 }), 10);
        options.signal?.addEventListener('abort', () => {
          clearInterval(tick);
          reject(new ResticError('timeout', 'restic stopped'));
        });
      });
    await assert.rejects(
      watched(0.1, stuck, (s) => statuses.push(s.bytesDone)),
      (err: unknown) => err instanceof JobFailure && err.key === 'backupTimeout',
    );
    assert.ok(statuses.length > 2, 'the repeated statuses were still passed on');
  });

  it('passes other failures through unchanged', async () => {
    const locked = new ResticError('locked', 'repository is already locked');
    await assert.rejects(
      watched(5, () => Promise.reject(locked)),
      (err) => err === locked,
    );
  });
});
