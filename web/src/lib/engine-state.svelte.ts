import { api, type Check } from './api';

/** While the engine is down, look again often (it comes back when the admin fixes the mount). */
const DOWN_REFRESH_MS = 10_000;
const UP_REFRESH_MS = 30_000;

/**
 * Whether the manager can reach the Docker engine, for the whole dashboard: one banner says so, and
 * the cards disable what cannot work. Read from /api/system/status (admins only); unknown until then.
 * A failed status call leaves the last answer: the dashboard's own sections say the server is away.
 */
class EngineState {
  check = $state<Check | null>(null);
  checking = $state(false);
  readonly down = $derived(this.check?.status === 'down');

  private watchers = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  async refresh(): Promise<void> {
    clearTimeout(this.timer);
    this.checking = true;
    try {
      this.check = (await api.systemStatus()).docker;
    } catch {
      // Kept as it was: a session that expired is handled by the sections that load with it.
    } finally {
      this.checking = false;
      this.schedule();
    }
  }

  /** Polls while something on the page shows the state; returns how to stop watching. */
  watch(): () => void {
    this.watchers += 1;
    if (this.watchers === 1) void this.refresh();
    return () => {
      this.watchers -= 1;
      if (this.watchers === 0) clearTimeout(this.timer);
    };
  }

  private schedule(): void {
    if (this.watchers === 0) return;
    this.timer = setTimeout(() => void this.refresh(), this.down ? DOWN_REFRESH_MS : UP_REFRESH_MS);
  }
}

export const engine = new EngineState();
