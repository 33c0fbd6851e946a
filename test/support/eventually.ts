export interface EventuallyOptions {
  timeoutMs?: number;
  /** Pause between two looks at the state. */
  intervalMs?: number;
  /**
   * Try again when the probe throws (a server or an engine still starting refuses connections);
   * the last error is in the failure message. Otherwise a throwing probe fails the wait at once.
   */
  retryOnError?: boolean;
}

/**
 * The one way tests wait: poll an observable state (an HTTP answer, a log line, a container state)
 * until it holds, within a bound. Never a blind sleep. `probe` returns the value waited for, or
 * undefined/null/false to look again.
 */
export async function eventually<T>(
  probe: () => T | Promise<T>,
  /** What is waited for; a function to say, on failure, what was last seen. */
  what: string | (() => string),
  { timeoutMs = 20_000, intervalMs = 100, retryOnError = false }: EventuallyOptions = {},
): Promise<Exclude<T, undefined | null | false>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false)
        return value as Exclude<T, undefined | null | false>;
      last = value;
    } catch (err) {
      if (!retryOnError) throw err;
      last = err;
    }
    if (Date.now() > deadline) {
      const why = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`not within ${timeoutMs} ms: ${typeof what === 'string' ? what : what()} (last: ${why})`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
