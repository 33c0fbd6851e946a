import { LABELS, type EngineEvent, type EventSubscription, type HealthStatus } from './engine.types';

/** A raw event of the engine's `/events` stream (only the fields used). */
interface RawEvent {
  Type?: string;
  Action?: string;
  status?: string;
  id?: string;
  time?: number;
  timeNano?: number;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
}

function asHealth(value: string): HealthStatus | undefined {
  return value === 'healthy' || value === 'unhealthy' || value === 'starting' ? value : undefined;
}

/** Maps one JSON line of the event stream; undefined for events the appliance does not act on. */
export function parseEngineEvent(line: string): EngineEvent | undefined {
  let raw: RawEvent;
  try {
    raw = JSON.parse(line) as RawEvent;
  } catch {
    return undefined;
  }
  if (raw.Type !== undefined && raw.Type !== 'container') return undefined;
  const action = raw.Action ?? raw.status ?? '';
  const attributes = raw.Actor?.Attributes ?? {};
  const containerId = raw.Actor?.ID ?? raw.id;
  if (!containerId) return undefined;
  const base = {
    containerId,
    name: attributes.name,
    serviceId: attributes[LABELS.service],
    applianceId: attributes[LABELS.applianceId],
    time: new Date(raw.timeNano ? raw.timeNano / 1e6 : (raw.time ?? 0) * 1000),
  };
  if (action === 'start') return { ...base, kind: 'start', health: undefined, exitCode: undefined };
  if (action === 'die') {
    const exitCode = Number(attributes.exitCode);
    return { ...base, kind: 'die', health: undefined, exitCode: Number.isFinite(exitCode) ? exitCode : undefined };
  }
  if (action.startsWith('health_status')) {
    return {
      ...base,
      kind: 'health_status',
      health: asHealth(action.split(':')[1]?.trim() ?? ''),
      exitCode: undefined,
    };
  }
  return undefined;
}

export interface WatchOptions {
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Injected for tests. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Keeps an event stream open: parses newline-delimited JSON, and when the stream ends or fails (the
 * engine restarted) reconnects with exponential backoff. `onStatus('connected')` fires after every
 * connection so the caller can reconcile whatever happened while it was not listening.
 */
export function watchEvents(
  open: (signal: AbortSignal) => Promise<AsyncIterable<Buffer | string> | Iterable<Buffer | string>>,
  subscription: EventSubscription,
  options: WatchOptions = {},
): { close(): void } {
  const controller = new AbortController();
  const minDelay = options.minDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 30_000;
  const sleep = options.sleep ?? defaultSleep;

  const loop = async (): Promise<void> => {
    let delay = minDelay;
    while (!controller.signal.aborted) {
      let failure: Error | undefined;
      try {
        const stream = await open(controller.signal);
        subscription.onStatus?.('connected');
        delay = minDelay;
        let buffered = '';
        for await (const chunk of stream) {
          buffered += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
          const lines = buffered.split('\n');
          buffered = lines.pop() ?? '';
          for (const line of lines) {
            const event = line.trim() ? parseEngineEvent(line) : undefined;
            if (event) subscription.onEvent(event);
          }
        }
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error));
      }
      if (controller.signal.aborted) return;
      subscription.onStatus?.('disconnected', failure);
      await sleep(delay, controller.signal);
      delay = Math.min(maxDelay, delay * 2);
    }
  };
  void loop();
  return { close: () => controller.abort() };
}
