/**
 * Where the sign-in page may send the browser back after a sign-in: only an interaction of the
 * community's OpenID provider on this origin (the same rule as server/src/oidc/return-path.ts), so
 * a crafted link can never make the sign-in page an open redirect.
 */
const INTERACTION_PATH = /^\/oidc\/interaction\/[A-Za-z0-9_-]{1,128}$/;

export function interactionReturnPath(search: string): string | null {
  const path = new URLSearchParams(search).get('return');
  return path !== null && INTERACTION_PATH.test(path) ? path : null;
}

/** The provider sent the browser back because its sign-in expired (oidc.http.ts). */
export function signInExpired(search: string): boolean {
  return new URLSearchParams(search).get('signin') === 'expired';
}
