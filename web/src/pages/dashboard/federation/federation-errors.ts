import { ApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import type { Message } from '../../../lib/i18n';
import { hasMessage } from '../../../lib/i18n/keys';

/** The server's message key (errors[0].code, federation.*) when the web app has its text; else by status. */
export function federationProblem(error: unknown): Message {
  const code = error instanceof ApiError ? error.errors?.[0]?.code : undefined;
  if (code && code.startsWith('federation.') && hasMessage(code)) return { key: code };
  return errorMessage(error);
}
