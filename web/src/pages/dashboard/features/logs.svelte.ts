import { api, streams, type LogLine, type FeatureId } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import type { Message } from '../../../lib/i18n';
import { expireIfUnauthorized } from '../../../lib/session.svelte';

export const TAIL_LINES = 200;
const MAX_LINES = 2_000;

/** `unavailable`: the first lines could not be read (e.g. the engine is unreachable); no stream is opened. */
export type LogsStatus = 'loading' | 'live' | 'reconnecting' | 'paused' | 'error' | 'unavailable';
export interface ShownLine extends LogLine {
  n: number;
}

/**
 * A feature's logs (every service behind it): the last 200 lines, then new lines over server-sent events until stopped.
 * The stream repeats each container's last line when it (re)connects (`tail=1`, the API's
 * minimum); that line is dropped when it is the one already shown for that container.
 */
export class LogsFollower {
  lines = $state<ShownLine[]>([]);
  status = $state<LogsStatus>('loading');
  error = $state<Message | null>(null);

  private source: EventSource | null = null;
  private generation = 0;
  private counter = 0;
  // Bookkeeping of what was shown, never rendered: plain collections, not reactive ones.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly last = new Map<string, string>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private unchecked = new Set<string>();

  constructor(private readonly id: FeatureId) {}

  async start(): Promise<void> {
    this.stop();
    const generation = this.generation;
    this.status = 'loading';
    this.error = null;
    try {
      const tail = await api.featureLogs(this.id, TAIL_LINES);
      if (generation !== this.generation) return;
      this.lines = [];
      this.last.clear();
      this.add(tail);
    } catch (error) {
      if (generation !== this.generation) return;
      if (expireIfUnauthorized(error)) return;
      // One clear state: the reason, and no live stream that would only reconnect in a loop.
      this.error = errorMessage(error);
      this.status = 'unavailable';
      return;
    }
    this.open(generation);
  }

  stop(): void {
    this.generation += 1;
    this.source?.close();
    this.source = null;
    this.status = 'paused';
  }

  private open(generation: number): void {
    const source = new EventSource(streams.logs(this.id, 1));
    this.source = source;
    source.onopen = () => {
      if (generation !== this.generation) return;
      this.status = 'live';
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      this.unchecked = new Set(this.last.keys());
    };
    source.onmessage = (event: MessageEvent<string>) => {
      if (generation !== this.generation) return;
      const line = JSON.parse(event.data) as LogLine;
      const repeated = this.unchecked.delete(line.service) && this.last.get(line.service) === line.text;
      if (!repeated) this.add([line]);
    };
    source.onerror = () => {
      if (generation !== this.generation) return;
      // The browser reconnects by itself unless the server refused the stream.
      this.status = source.readyState === EventSource.CLOSED ? 'error' : 'reconnecting';
    };
  }

  private add(lines: readonly LogLine[]): void {
    if (lines.length === 0) return;
    for (const line of lines) this.last.set(line.service, line.text);
    const shown = lines.map((line) => ({ ...line, n: ++this.counter }));
    const next = [...this.lines, ...shown];
    this.lines = next.length > MAX_LINES ? next.slice(next.length - MAX_LINES) : next;
  }
}
