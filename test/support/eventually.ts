/**
 * The one way tests wait: poll an observable state (an HTTP answer, a log line, a container state)
 * until it holds, within a bound. Never a blind sleep. `probe` returns the value waited for, or
 * undefined/false/null to try again; a probe that throws is tried again too (a server still starting
 * refuses connections), and the last error is in the failure message.
 */
export async function eventually<T>(
  probe: () => T | Promise<T>,
  what: string,
  { timeoutMs = 20_000, intervalMs = 100 }: { timeoutMs?: number; intervalMs?: number } = {},
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
      last = err;
    }
    if (Date.now() > deadline) {
      const why = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`not within ${timeoutMs} ms: ${what} (last: ${why})`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
