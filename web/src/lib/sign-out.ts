import { api } from './api';
import { navigate } from './router.svelte';
import { session } from './session.svelte';

/** Ends the session and goes to the sign-in page, which says so. */
export async function signOut(): Promise<void> {
  try {
    await api.logout();
  } catch {
    // Signed out locally either way; an expired session is already gone on the server.
  }
  session.user = null;
  session.notice = { key: 'login.signedOut' };
  navigate('/login');
}
