import type { BackupSchedule, FieldError, Retention, Weekday } from '../../../lib/api';
// Types only: this file stays free of the browser (its unit test runs in Node).
import type { Message } from '../../../lib/i18n';

export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
export const RETENTION_FIELDS = ['daily', 'weekly', 'monthly'] as const satisfies readonly (keyof Retention)[];
/** The server's bounds (server/src/backups/dto/schedule.dto.ts). */
export const RETENTION_MAX: Record<keyof Retention, number> = { daily: 366, weekly: 520, monthly: 240 };

/** What the form edits: the numbers as typed, checked before they are sent. */
export interface ScheduleDraft {
  enabled: boolean;
  time: string;
  days: Weekday[];
  daily: string;
  weekly: string;
  monthly: string;
}

/** A field with its own message; `retention` is the group (all three at 0). */
export type ScheduleField = 'time' | 'days' | keyof Retention | 'retention';
export type ScheduleProblems = Partial<Record<ScheduleField, Message>>;

/** Form order: the first field with a problem gets the focus. */
export const FIELD_ORDER: readonly ScheduleField[] = ['time', 'days', 'daily', 'weekly', 'monthly', 'retention'];

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function toDraft(schedule: BackupSchedule): ScheduleDraft {
  return {
    enabled: schedule.enabled,
    time: schedule.time,
    days: WEEKDAYS.filter((day) => schedule.days.includes(day)),
    daily: String(schedule.retention.daily),
    weekly: String(schedule.retention.weekly),
    monthly: String(schedule.retention.monthly),
  };
}

/** A whole number within [0, max] as typed (spaces around allowed), else null. */
function count(value: string, max: number): number | null {
  const text = value.trim();
  if (!/^\d{1,4}$/.test(text)) return null;
  const n = Number(text);
  return n <= max ? n : null;
}

/**
 * The same rules as the server's DTO, so mistakes are shown before sending; plus one of our own:
 * keeping nothing at all would delete every backup at the next clean-up.
 */
export function validateSchedule(draft: ScheduleDraft): {
  schedule: BackupSchedule | null;
  problems: ScheduleProblems;
} {
  const problems: ScheduleProblems = {};
  // A browser's time field may add seconds (HH:MM:SS); the schedule is to the minute.
  const time = draft.time.trim().slice(0, 5);
  if (!TIME.test(time)) problems.time = { key: 'backups.validation.time' };
  const days = WEEKDAYS.filter((day) => draft.days.includes(day));
  if (days.length === 0) problems.days = { key: 'backups.validation.days' };
  const retention: Partial<Retention> = {};
  for (const field of RETENTION_FIELDS) {
    const value = count(draft[field], RETENTION_MAX[field]);
    if (value === null) problems[field] = { key: 'backups.validation.count', params: { max: RETENTION_MAX[field] } };
    else retention[field] = value;
  }
  const { daily, weekly, monthly } = retention;
  if (daily === 0 && weekly === 0 && monthly === 0) problems.retention = { key: 'backups.validation.keepOne' };
  if (Object.keys(problems).length > 0 || daily === undefined || weekly === undefined || monthly === undefined) {
    return { schedule: null, problems };
  }
  return { schedule: { enabled: draft.enabled, time, days, retention: { daily, weekly, monthly } }, problems };
}

/** A 400's field errors on the form's fields (`retention.daily` → `daily`); what no field takes, apart. */
export function serverProblems(errors: readonly FieldError[]): { problems: ScheduleProblems; other: string[] } {
  const problems: ScheduleProblems = {};
  const other: string[] = [];
  for (const error of errors) {
    const leaf = error.field.split('.').pop() ?? error.field;
    if (leaf === 'time') problems.time = { key: 'backups.validation.time' };
    else if (leaf === 'days') problems.days = { key: 'backups.validation.days' };
    else if (leaf === 'daily' || leaf === 'weekly' || leaf === 'monthly') {
      problems[leaf] = { key: 'backups.validation.count', params: { max: RETENTION_MAX[leaf] } };
    } else other.push(error.message);
  }
  return { problems, other };
}

export function firstProblem(problems: ScheduleProblems): ScheduleField | null {
  return FIELD_ORDER.find((field) => problems[field]) ?? null;
}
