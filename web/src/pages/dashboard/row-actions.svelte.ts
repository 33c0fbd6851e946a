import { isApiError } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import type { Message, MessageKey } from '../../lib/i18n';
import { expireIfUnauthorized } from '../../lib/session.svelte';

/** How one row's change ended; `busy` when another row's was still running (nothing was done). */
export type RowOutcome = 'done' | 'gone' | 'failed' | 'expired' | 'busy';

/**
 * The actions on a dashboard list's rows: one at a time (the rows wait on `busy`, the acting row's id),
 * the outcome said below the list (`done` politely, `error` announced). A row that no longer exists on
 * the server (404) gets the list's own `gone` sentence.
 */
export class RowActions {
  busy = $state<string | null>(null);
  done = $state<Message | null>(null);
  error = $state<Message | null>(null);

  constructor(private readonly gone: MessageKey) {}

  /** Forgets the last outcome (a new action begins, such as a dialog opening). */
  clear(): void {
    this.done = null;
    this.error = null;
  }

  async run(id: string, work: () => Promise<unknown>, success: Message | null): Promise<RowOutcome> {
    if (this.busy) return 'busy';
    this.busy = id;
    this.clear();
    try {
      await work();
      this.done = success;
      return 'done';
    } catch (e) {
      if (expireIfUnauthorized(e)) return 'expired';
      const gone = isApiError(e, 404);
      this.error = gone ? { key: this.gone } : errorMessage(e);
      return gone ? 'gone' : 'failed';
    } finally {
      this.busy = null;
    }
  }
}
