import { ApiError, type FieldError } from './api';
import type { Message, MessageKey, Translate } from './i18n';
import { hasMessage } from './i18n/keys';

/** A field's problem, translated when shown (so it follows a language switch). */
export type Problem = Message;

export function problemText(problem: Problem | undefined, t: Translate): string | undefined {
  return problem ? t(problem.key, problem.params) : undefined;
}

/** A translated sentence for any failed call: the key the server named when this version knows it, else by status. */
export function errorMessage(error: unknown): Message {
  if (!(error instanceof ApiError)) return { key: 'error.unexpected', params: { status: '?' } };
  // A key the server named (e.g. an unreachable engine's 503) says more than the status.
  const named = `error.${error.key}`;
  if (error.key && hasMessage(named)) return { key: named, params: error.params ?? {} };
  const status = error.status;
  if (status === 0) return { key: 'error.network' };
  if (status >= 500) return { key: 'error.server', params: { status } };
  switch (status) {
    case 400:
      return { key: 'error.invalid' };
    case 401:
      return { key: 'error.unauthorized' };
    case 403:
      return { key: 'error.forbidden' };
    case 404:
      return { key: 'error.notFound' };
    case 409:
      return { key: 'error.conflict' };
    case 429:
      return { key: 'error.tooMany' };
    default:
      return { key: 'error.unexpected', params: { status } };
  }
}

/** The translated message for a field, whatever constraint the server names. */
const BY_FIELD: Record<string, MessageKey> = {
  language: 'validation.language',
  setupToken: 'wizard.token.rejected',
  name: 'validation.name',
  color: 'validation.color',
  domain: 'validation.domain',
  username: 'validation.username',
  email: 'validation.email',
  features: 'validation.features',
};

/**
 * A 4xx `errors` entry in the user's language: the server checks the same rules as the forms, so
 * each field (and, where a field has several rules, each code) maps to the form's own message.
 * Anything unknown keeps the server's words inside a translated sentence.
 */
export function fieldProblem(error: FieldError): Problem {
  const leaf = error.field.split('.').pop() ?? error.field;
  if (error.code === 'containsUsername') return { key: 'validation.passwordUsername' };
  if (error.code === 'taken') return { key: leaf === 'username' ? 'accept.conflict' : 'validation.taken' };
  // One's own account (PATCH /api/me): a mistyped current password, the new one's rules, the name.
  if (leaf === 'currentPassword') {
    if (error.code === 'wrong') return { key: 'me.password.wrong' };
    if (error.code === 'required') return { key: 'validation.required' };
  }
  if (leaf === 'newPassword' && error.code === 'required') return { key: 'validation.required' };
  if (leaf === 'displayName') return { key: 'me.name.invalid' };
  if (leaf === 'password' || leaf === 'newPassword') {
    if (error.code === 'maxLength') return { key: 'validation.passwordLong' };
    return { key: 'validation.passwordShort' };
  }
  // The chat's starting rooms (the wizard), as a list: which rule the list broke.
  if (leaf === 'rooms') {
    if (error.code === 'distinctAliases') return { key: 'wizard.rooms.duplicate' };
    if (error.code === 'maxLength') return { key: 'wizard.rooms.tooLong', params: { max: 40 } };
    if (error.code === 'hasAlias') return { key: 'wizard.rooms.noAlias' };
    return { key: 'validation.refused', params: { reason: error.message } };
  }
  if (leaf === 'avatar') return { key: error.code === 'tooLarge' ? 'me.avatar.tooLarge' : 'me.avatar.type' };
  if (leaf === 'logo') {
    return { key: error.code === 'maxLength' ? 'validation.logoTooBig' : 'validation.logoType' };
  }
  const key = BY_FIELD[leaf];
  return key ? { key } : { key: 'validation.refused', params: { reason: error.message } };
}

/** A 400 that names its fields: each field's problem, to show at the field; null for any other failure. */
export function fieldProblems(error: unknown): Record<string, Problem> | null {
  if (!(error instanceof ApiError) || error.status !== 400 || !error.errors?.length) return null;
  return Object.fromEntries(error.errors.map((f) => [f.field, fieldProblem(f)]));
}
