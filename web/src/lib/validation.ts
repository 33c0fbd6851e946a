import type { Problem } from './errors';

export const USERNAME_PATTERN = /^[a-z0-9._-]{3,32}$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const COLOR_PATTERN = /^#[0-9a-f]{6}$/;
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const DOMAIN_PATTERN = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})+$`);
export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp'];
export const LOGO_MAX_BYTES = 256 * 1024;
/** The server's AVATAR_MAX_BYTES (server/src/members/avatar.ts): checked here before a useless upload. */
export const AVATAR_MAX_BYTES = 1024 * 1024;
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

type Check = Problem | undefined;

export function checkRequired(value: string): Check {
  return value.trim() === '' ? { key: 'validation.required' } : undefined;
}

export function checkCommunityName(name: string): Check {
  const length = name.trim().length;
  return length < 1 || length > 80 ? { key: 'validation.name' } : undefined;
}

/** A member's display name, as the server counts it (trimmed, 1 to 64 characters, emoji as one). */
export const DISPLAY_NAME_MAX = 64;

export function checkDisplayName(name: string): Check {
  const length = Array.from(name.trim()).length;
  return length < 1 || length > DISPLAY_NAME_MAX ? { key: 'me.name.invalid' } : undefined;
}

export function checkColor(color: string): Check {
  return COLOR_PATTERN.test(color) ? undefined : { key: 'validation.color' };
}

export function checkDomain(domain: string): Check {
  if (domain === '') return { key: 'validation.required' };
  return DOMAIN_PATTERN.test(domain) && !/\.\d+$/.test(domain) ? undefined : { key: 'validation.domain' };
}

export function checkUsername(username: string): Check {
  if (username === '') return { key: 'validation.required' };
  return USERNAME_PATTERN.test(username) ? undefined : { key: 'validation.username' };
}

export function checkEmail(email: string): Check {
  if (email.trim() === '') return { key: 'validation.required' };
  return EMAIL_PATTERN.test(email.trim()) ? undefined : { key: 'validation.email' };
}

export function checkPassword(password: string, username: string): Check {
  if (password === '') return { key: 'validation.required' };
  if (password.length < PASSWORD_MIN) return { key: 'validation.passwordShort' };
  if (password.length > PASSWORD_MAX) return { key: 'validation.passwordLong' };
  if (username !== '' && password.toLowerCase().includes(username.toLowerCase())) {
    return { key: 'validation.passwordUsername' };
  }
  return undefined;
}

export function checkConfirmation(password: string, confirmation: string): Check {
  if (confirmation === '') return { key: 'validation.required' };
  return password === confirmation ? undefined : { key: 'validation.passwordMismatch' };
}

/** 0 too short, 1 weak, 2 good, 3 strong: length counts most, then variety. */
export function passwordStrength(password: string): 0 | 1 | 2 | 3 {
  if (password.length < PASSWORD_MIN) return 0;
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  let score = 1;
  if (password.length >= 16 || kinds >= 3) score += 1;
  if (password.length >= 20 || (password.length >= 14 && kinds >= 3)) score += 1;
  return Math.min(score, 3) as 0 | 1 | 2 | 3;
}

/** Keeps only the problems that are set. */
export function collect(checks: Record<string, Check>): Record<string, Problem> {
  const found: Record<string, Problem> = {};
  for (const [field, problem] of Object.entries(checks)) if (problem) found[field] = problem;
  return found;
}
