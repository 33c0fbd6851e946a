import type { PreflightCheck } from '../../lib/api';
import { hasMessage, type Translate } from '../../lib/i18n';

/** A pre-flight result in the reader's language; a key this app does not know keeps the technical cause. */
export function checkText(check: PreflightCheck, t: Translate): string {
  const params = (check.params ?? {}) as Record<string, string | number>;
  return hasMessage(check.key) ? t(check.key, params) : (check.details ?? check.key);
}
