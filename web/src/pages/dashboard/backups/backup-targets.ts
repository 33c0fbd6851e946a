import type { BackupTarget, FieldError, NewBackupTarget, Retention } from '../../../lib/api';
// Types only: this file stays free of the browser (its unit test runs in Node).
import type { Message, MessageKey } from '../../../lib/i18n';
import { RETENTION_FIELDS, RETENTION_MAX } from './schedule-form';

/** The kinds the form offers (the server refuses sftp and s3 for now). */
export const FORM_KINDS = ['directory', 'rest'] as const;
export type FormKind = (typeof FORM_KINDS)[number];

export interface TargetDraft {
  label: string;
  kind: FormKind;
  location: string;
  keepAll: boolean;
  daily: string;
  weekly: string;
  monthly: string;
}

export type TargetField = 'label' | 'location' | keyof Retention | 'retention';
export type TargetProblems = Partial<Record<TargetField, Message>>;
export const TARGET_FIELD_ORDER: readonly TargetField[] = [
  'label',
  'location',
  'daily',
  'weekly',
  'monthly',
  'retention',
];

/** A new place keeps everything by default: what a co-op's append-only server needs. */
export function emptyDraft(): TargetDraft {
  return { label: '', kind: 'directory', location: '', keepAll: true, daily: '7', weekly: '4', monthly: '6' };
}

function count(value: string, max: number): number | null {
  const text = value.trim();
  if (!/^\d{1,4}$/.test(text)) return null;
  const n = Number(text);
  return n <= max ? n : null;
}

/** The server's rules, checked before sending; the location's own checks are the server's (it knows the host). */
export function validateTarget(draft: TargetDraft): { body: NewBackupTarget | null; problems: TargetProblems } {
  const problems: TargetProblems = {};
  const label = draft.label.trim();
  if (!label) problems.label = { key: 'backups.targets.form.labelMissing' };
  const location = draft.location.trim();
  if (!location) problems.location = { key: 'backups.targets.form.locationMissing' };
  else if (draft.kind === 'directory' && !location.startsWith('/')) {
    problems.location = { key: 'backups.targets.problem.notAbsolute' };
  } else if (draft.kind === 'rest' && !/^https?:\/\/./i.test(location)) {
    problems.location = { key: 'backups.targets.problem.notHttpUrl' };
  }
  let retention: Retention | null = null;
  if (!draft.keepAll) {
    const kept: Partial<Retention> = {};
    for (const field of RETENTION_FIELDS) {
      const value = count(draft[field], RETENTION_MAX[field]);
      if (value === null) problems[field] = { key: 'backups.validation.count', params: { max: RETENTION_MAX[field] } };
      else kept[field] = value;
    }
    const { daily, weekly, monthly } = kept;
    if (daily !== undefined && weekly !== undefined && monthly !== undefined) {
      if (daily + weekly + monthly === 0) problems.retention = { key: 'backups.validation.keepOne' };
      retention = { daily, weekly, monthly };
    }
  }
  if (Object.keys(problems).length > 0) return { body: null, problems };
  return { body: { label, kind: draft.kind, location, retention }, problems };
}

/** The text of a refusal code (`errors[].code`), if the card has one. */
export function problemKey(code: string, has: (key: string) => key is MessageKey): MessageKey | null {
  const key = `backups.targets.problem.${code}`;
  return has(key) ? key : null;
}

/** A 400 or 502's errors on the form's fields; what no field takes, apart. */
export function targetServerProblems(
  errors: readonly FieldError[],
  has: (key: string) => key is MessageKey,
): { problems: TargetProblems; other: boolean } {
  const problems: TargetProblems = {};
  let other = false;
  for (const error of errors) {
    const leaf = error.field.split('.').pop() ?? error.field;
    const known = problemKey(error.code, has);
    if (leaf === 'location') problems.location = { key: known ?? 'backups.targets.problem.targetFailed' };
    else if (leaf === 'label') problems.label = { key: 'backups.targets.form.labelMissing' };
    else if (leaf === 'daily' || leaf === 'weekly' || leaf === 'monthly') {
      problems[leaf] = { key: 'backups.validation.count', params: { max: RETENTION_MAX[leaf] } };
    } else other = true;
  }
  return { problems, other };
}

export function firstTargetProblem(problems: TargetProblems): TargetField | null {
  return TARGET_FIELD_ORDER.find((field) => problems[field]) ?? null;
}

/** What the place keeps. */
export function retentionMessage(target: Pick<BackupTarget, 'retention'>): Message {
  const r = target.retention;
  return r ? { key: 'backups.targets.keepPolicy', params: { ...r } } : { key: 'backups.targets.keepAll' };
}

/** How the place is doing: off, never copied, its last copy, or its last failure with the reason. */
export function statusMessage(
  target: Pick<BackupTarget, 'enabled' | 'lastAttemptAt' | 'lastSuccessAt' | 'lastError'>,
  date: (iso: string) => string,
  reason: (key: string) => string,
): { message: Message; failed: boolean } {
  if (target.lastError && target.lastAttemptAt) {
    const params = { date: date(target.lastAttemptAt), reason: reason(target.lastError.key) };
    return { message: { key: 'backups.targets.failedAt', params }, failed: true };
  }
  if (!target.enabled) return { message: { key: 'backups.targets.off' }, failed: false };
  if (!target.lastSuccessAt) return { message: { key: 'backups.targets.never' }, failed: false };
  return { message: { key: 'backups.targets.lastCopy', params: { date: date(target.lastSuccessAt) } }, failed: false };
}

/** A recovery key exists but does not open this place (added before it, or the place did not answer). */
export function lacksRecoveryKey(target: Pick<BackupTarget, 'recoveryKeyAt'>, recoveryKeyAt: string | null): boolean {
  return recoveryKeyAt !== null && target.recoveryKeyAt === null;
}
