import { errorMessage } from '../../lib/errors';
import type { Message } from '../../lib/i18n';
import { expireIfUnauthorized } from '../../lib/session.svelte';

/** Loads a dashboard section's data, keeping the last good value when a refresh fails. */
export class Loader<T> {
  data = $state<T | null>(null);
  error = $state<Message | null>(null);
  loading = $state(false);

  constructor(private readonly fetcher: () => Promise<T>) {}

  async load(): Promise<void> {
    this.loading = true;
    try {
      this.data = await this.fetcher();
      this.error = null;
    } catch (error) {
      if (!expireIfUnauthorized(error)) this.error = errorMessage(error);
    } finally {
      this.loading = false;
    }
  }
}
