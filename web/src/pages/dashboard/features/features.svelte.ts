import { api, type FeatureAction, type FeatureInfo } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import type { Message } from '../../../lib/i18n';
import { expireIfUnauthorized, session } from '../../../lib/session.svelte';

/** What a card's buttons do: the API's actions, plus enable, disable and the logs viewer. */
export type CardAction = 'enable' | FeatureAction | 'disable' | 'logs';

/** While something installs or updates (e.g. after a page reload, with no job to follow), refresh often. */
export const BUSY_REFRESH_MS = 3_000;
export const IDLE_REFRESH_MS = 10_000;

export function isBusy(feature: FeatureInfo): boolean {
  return feature.state === 'installing' || feature.state === 'updating';
}

/**
 * The features list, kept live: refreshed every 3 s while a feature is installing or updating,
 * every 10 s otherwise, and on demand (after each job). A failed refresh keeps the last good list.
 */
export class FeaturesStore {
  list = $state<FeatureInfo[] | null>(null);
  error = $state<Message | null>(null);
  /** Only for loads the admin asked for; background refreshes stay quiet. */
  loading = $state(false);

  private timer: ReturnType<typeof setTimeout> | undefined;
  private sequence = 0;
  private stopped = false;

  /** First load and the Refresh button: the community's branding is refreshed too. */
  async load(): Promise<void> {
    this.loading = true;
    try {
      await this.fetch(true);
    } finally {
      this.loading = false;
    }
  }

  refresh(): Promise<void> {
    return this.fetch(false);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async fetch(withSettings: boolean): Promise<void> {
    clearTimeout(this.timer);
    const sequence = ++this.sequence;
    try {
      const [features, settings] = await Promise.all([api.features(), withSettings ? api.settings() : null]);
      if (sequence !== this.sequence) return;
      if (settings && session.status) session.status.community = settings.community;
      this.list = features;
      this.error = null;
    } catch (error) {
      if (sequence !== this.sequence) return;
      if (!expireIfUnauthorized(error)) this.error = errorMessage(error);
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    const delay = this.list?.some(isBusy) ? BUSY_REFRESH_MS : IDLE_REFRESH_MS;
    this.timer = setTimeout(() => void this.fetch(false), delay);
  }
}
