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

/** What a dashboard section shows while it loads or fails; its Refresh button calls `load`. */
export interface SectionSource {
  readonly loading: boolean;
  readonly error: Message | null;
  load(): Promise<void>;
}

/** Several loaders behind one section: loading while any loads, the first error; `load` may do more. */
export function sectionSource(
  loaders: Loader<unknown>[],
  load: () => Promise<void> = async () => void (await Promise.all(loaders.map((loader) => loader.load()))),
): SectionSource {
  return {
    get loading() {
      return loaders.some((loader) => loader.loading);
    },
    get error() {
      return loaders.find((loader) => loader.error)?.error ?? null;
    },
    load,
  };
}
