import type { Problem } from '../errors';
import { checkConfirmation, checkPassword } from '../validation';

/**
 * A new password and its confirmation, checked as the server does: `field` is the name the server
 * gives the password (`password`, or `newPassword` on one's own page), so that its refusals land at
 * the same field.
 */
export function newPasswordChecks(
  password: string,
  confirmation: string,
  username: string,
  field = 'password',
): Record<string, Problem | undefined> {
  return {
    [field]: checkPassword(password, username),
    confirmation: checkConfirmation(password, confirmation),
  };
}
