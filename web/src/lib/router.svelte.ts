/**
 * A minimal hash router: `#/setup`, `#/login`, `#/dashboard`, `#/invite/<token>`, `#/join/<token>`,
 * `#/forgot`, `#/reset/<token>` (a password-reset link sent by mail), `#/signup` (asking to join, when
 * open sign-up is on) and `#/portal` (the members' home).
 */

function readHash(): string {
  const path = decodeURI(location.hash.replace(/^#/, ''));
  return path.startsWith('/') ? path : `/${path}`;
}

export const router = $state({ path: readHash() });

window.addEventListener('hashchange', () => {
  router.path = readHash();
});

/** Go to `path`; `replace` rewrites the current history entry instead of adding one. */
export function navigate(path: string, replace = false): void {
  if (replace) {
    history.replaceState(history.state, '', `#${path}`);
  } else if (readHash() !== path) {
    location.hash = path;
  }
  router.path = path;
}

/** The token of an invitation route, or null. */
export function inviteToken(path: string): string | null {
  const match = /^\/invite\/([^/]+)$/.exec(path);
  return match?.[1] ?? null;
}

/** The token of a member's invitation route (`#/join/<token>`), or null. */
export function joinToken(path: string): string | null {
  const match = /^\/join\/([^/]+)$/.exec(path);
  return match?.[1] ?? null;
}

/** The token of a password-reset link (`#/reset/<token>`, sent by mail), or null. */
export function resetToken(path: string): string | null {
  const match = /^\/reset\/([^/]+)$/.exec(path);
  return match?.[1] ?? null;
}
