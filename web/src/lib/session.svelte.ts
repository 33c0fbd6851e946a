import { api, isApiError, type SetupStatus, type User } from './api';
import type { Message } from './i18n';

interface Session {
  /** Null until the first answer of GET /api/setup/status. */
  status: SetupStatus | null;
  /** The signed-in admin, or null. */
  user: User | null;
  /** A one-off notice for the login page (signed out, session expired…). */
  notice: Message | null;
}

export const session = $state<Session>({ status: null, user: null, notice: null });

/** Startup: setup status, then who is signed in (only once setup is completed). */
export async function loadSession(): Promise<void> {
  session.status = await api.setupStatus();
  if (!session.status.completed) return;
  try {
    session.user = await api.me();
  } catch (error) {
    if (!isApiError(error, 401)) throw error;
    session.user = null;
  }
}

/** Treats a 401 from any protected call as an expired session; returns whether it did. */
export function expireIfUnauthorized(error: unknown): boolean {
  if (!isApiError(error, 401)) return false;
  session.user = null;
  session.notice = { key: 'login.sessionExpired' };
  return true;
}
