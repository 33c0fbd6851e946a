import type { DiagnosisCheck } from './api';
import { formatDate } from './format';
import type { Locale, MessageKey, Params, Translate } from './i18n';
import { hasMessage } from './i18n/keys';

/** One check in words: what was checked, how it is, and what to do (absent when nothing is). */
export interface CheckText {
  label: string;
  status: string;
  message: string;
  todo?: string;
}

const FEATURE_NAMES: Partial<Record<string, MessageKey>> = {
  chat: 'feature.chat.name',
  pad: 'feature.pad.name',
  files: 'feature.files.name',
};
const DATE_PARAMS = new Set(['at', 'expiresAt']);

/** The server's params as a person reads them: dates in the language's format, feature names translated. */
function readable(params: Params, locale: Locale, t: Translate): Params {
  const out: Params = {};
  for (const [name, value] of Object.entries(params)) {
    const feature = name === 'feature' ? FEATURE_NAMES[String(value)] : undefined;
    if (DATE_PARAMS.has(name) && typeof value === 'string') out[name] = formatDate(value, locale);
    else if (feature) out[name] = t(feature);
    else if (typeof value === 'number') out[name] = new Intl.NumberFormat(locale).format(value);
    else out[name] = value;
  }
  return out;
}

function labelOf(check: DiagnosisCheck, params: Params, t: Translate): string {
  const kind = check.id.split(':')[0];
  const key = `diagnosis.label.${kind}`;
  return hasMessage(key) ? t(key, params) : t('diagnosis.label.other', { id: check.id });
}

export function checkText(check: DiagnosisCheck, locale: Locale, t: Translate): CheckText {
  const params = readable(check.params, locale, t);
  const todoKey = `${check.messageKey}.todo`;
  // A key this page does not know (a newer server): said plainly, the detail keeps the facts.
  const message = hasMessage(check.messageKey) ? t(check.messageKey, params) : t('diagnosis.unknownMessage');
  return {
    label: labelOf(check, params, t),
    status: t(`diagnosis.status.${check.status}`),
    message,
    ...(hasMessage(todoKey) ? { todo: t(todoKey, params) } : {}),
  };
}

/**
 * The plain-text report a volunteer pastes when asking for help: each check's words and technical
 * detail. Built from the diagnosis only, which carries no secret (tokens and passwords never reach it).
 */
export function reportText(
  checks: readonly DiagnosisCheck[],
  heading: { domain: string; checkedAt: string },
  locale: Locale,
  t: Translate,
): string {
  const lines = [t('diagnosis.reportHeading', { domain: heading.domain, at: formatDate(heading.checkedAt, locale) })];
  for (const check of checks) {
    const text = checkText(check, locale, t);
    lines.push('', `[${text.status}] ${text.label}`, `  ${text.message}`);
    if (text.todo) lines.push(`  → ${text.todo}`);
    if (check.detail) lines.push(`  (${check.detail})`);
  }
  return lines.join('\n') + '\n';
}

/** How many checks of each status, for the page's summary line. */
export function countByStatus(checks: readonly DiagnosisCheck[]): Record<DiagnosisCheck['status'], number> {
  const counts = { ok: 0, warning: 0, error: 0, unknown: 0 };
  for (const check of checks) counts[check.status] += 1;
  return counts;
}
