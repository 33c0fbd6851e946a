const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries an action a bounded number of times; the last error is rethrown. */
export async function retry<T>(action: () => Promise<T>, options: { attempts: number; delayMs: number }): Promise<T> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    try {
      return await action();
    } catch (err) {
      lastError = err;
      if (attempt < options.attempts) await sleep(options.delayMs);
    }
  }
  throw lastError;
}

/**
 * Polls until the predicate holds or the deadline passes; returns the last value seen. The deadline is
 * elapsed time on the monotonic clock (performance.now), which the wall clock's jumps cannot move.
 */
export async function waitFor<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  options: { timeoutMs: number; intervalMs: number },
): Promise<{ value: T; ok: boolean }> {
  const deadline = performance.now() + options.timeoutMs;
  let value = await probe();
  while (!done(value) && performance.now() < deadline) {
    await sleep(options.intervalMs);
    value = await probe();
  }
  return { value, ok: done(value) };
}
