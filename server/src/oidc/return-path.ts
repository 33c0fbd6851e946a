/**
 * Where the sign-in page may send the browser back: only an interaction of the community's OpenID
 * provider on this very origin. Anything else (another host, `//evil`, a backslash or an encoded
 * trick) is refused, so the return path can never be an open redirect.
 */
const INTERACTION_PATH = /^\/oidc\/interaction\/[A-Za-z0-9_-]{1,128}$/;

export function isInteractionReturnPath(path: unknown): path is string {
  return typeof path === 'string' && INTERACTION_PATH.test(path);
}

/** The sign-in page of the web app (hash router), told where to come back to. */
export function signInPathFor(interactionPath: string): string {
  return `/?return=${encodeURIComponent(interactionPath)}#/login`;
}
