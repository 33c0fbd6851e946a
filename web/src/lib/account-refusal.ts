import { ApiError, isApiError } from './api';
import { errorMessage, fieldProblems, type Problem } from './errors';
import type { Message, MessageKey } from './i18n';

/** What a refused account form (a link's page) shows: the link is gone, problems at the fields, or an error. */
export type AccountRefusal =
  { gone: 'invalid' | 'ended'; code: string | undefined } | { problems: Record<string, Problem> } | { error: Message };

/**
 * A link's form refused: 404 is a link that never was, 410 one that ended (its code says why: spent,
 * used, expired), 409 the username taken (where `conflict` is given), 400 the fields' problems.
 */
export function accountRefusal(e: unknown, conflict?: MessageKey): AccountRefusal {
  const atFields = fieldProblems(e);
  if (isApiError(e, 404)) return { gone: 'invalid', code: undefined };
  if (e instanceof ApiError && e.status === 410) return { gone: 'ended', code: e.errors?.[0]?.code };
  if (conflict && isApiError(e, 409)) return { problems: { username: { key: conflict } } };
  if (atFields) return { problems: atFields };
  return { error: errorMessage(e) };
}
