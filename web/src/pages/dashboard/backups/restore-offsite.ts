import type { FieldError } from '../../../lib/api';
// Types only: this file stays free of the browser (its unit test runs in Node).
import type { Message, MessageKey } from '../../../lib/i18n';

/**
 * Why a place could not be read, listed or restored from: the server names it on the field `target`
 * (`errors[].code`, see server/src/backups/target-read.ts). Undefined when the refusal is not about the place.
 */
export function placeProblem(
  errors: readonly FieldError[] | undefined,
  has: (key: string) => key is MessageKey,
): Message | undefined {
  const code = errors?.find((e) => e.field === 'target')?.code;
  if (code === undefined) return undefined;
  const key = `restoreOffsite.problem.${code}`;
  return { key: has(key) ? key : 'restoreOffsite.problem.targetFailed' };
}
