import type { RateRule } from '../mail/rate-limit';

/**
 * Requests waiting for an admin at most: beyond, the form says to come back later. Bounds what a
 * flood of made-up people can leave in the table (and in the admins' list).
 */
export const MAX_PENDING_SIGN_UPS = 50;

/** Sign-ups per client address: each one that passes costs a password hash. */
export const SIGN_UP_RATE: RateRule = { limit: 5, windowMs: 10 * 60_000 };

export type SignUpRefusal = 'closed' | 'full';

/** Why a sign-up is refused before any work, or null: closed first (nothing to say about the cap). */
export function signUpRefusal(open: boolean, pending: number, max = MAX_PENDING_SIGN_UPS): SignUpRefusal | null {
  if (!open) return 'closed';
  return pending >= max ? 'full' : null;
}

/** The password must not contain the username (the same rule as the other account forms). */
export function passwordHasUsername(password: string, username: string): boolean {
  return password.toLowerCase().includes(username.toLowerCase());
}
