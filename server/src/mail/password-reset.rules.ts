/** Short-lived: a mailbox read later, or by someone else, should not hold a working link for long. */
export const RESET_TTL_MINUTES = 30;
/** The web app's page for a reset link (a hash route: web/src/lib/router.svelte.ts). */
export const RESET_PATH = '/#/reset/';
/** randomToken()'s shape; anything else is not a link we sent, and is refused without a lookup. */
export const RESET_TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

/** Per address asked about, and per client: each request may send mail to someone's mailbox. */
export const RESET_RULES = {
  email: { limit: 3, windowMs: 60 * 60_000 },
  client: { limit: 10, windowMs: 15 * 60_000 },
} as const;

export const RESET_STATES = ['valid', 'used', 'expired'] as const;
export type ResetState = (typeof RESET_STATES)[number];

export interface ResetUse {
  expiresAt: Date;
  usedAt: Date | null;
}

/** Used wins over expired: "already used" is what the person did. The UPDATE decides; this names it. */
export function resetState(reset: ResetUse, now: Date): ResetState {
  if (reset.usedAt) return 'used';
  if (reset.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'valid';
}

export function resetExpiry(now: Date): Date {
  return new Date(now.getTime() + RESET_TTL_MINUTES * 60_000);
}

/** Addresses compare without case and outer spaces (what people type, not what RFC 5321 allows). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
