import type {
  BackupOverview,
  BackupPoint,
  BackupRun,
  BackupSchedule,
  BackupScope,
  JobError,
  Weekday,
} from '../../../lib/api';
// Types only: this file stays free of the browser (its unit test runs in Node).
import type { Locale, Translate } from '../../../lib/i18n';

/** Catalog order, with the manager's own settings and accounts last. */
export const BACKUP_SCOPES: readonly BackupScope[] = ['chat', 'pad', 'files', 'appliance'];

/**
 * One line of the history: a run of ours (with its state and, failed, its error) and, when it left a
 * backup point that is still kept, that point (restorable). A point with no run (its run record was
 * lost, e.g. restored onto a new machine) is still listed, as `kept`.
 */
export interface HistoryEntry {
  id: string;
  /** ISO 8601: when it started (a run) or was taken (a point). */
  time: string;
  state: BackupRun['state'] | 'kept';
  error: JobError | null;
  point: BackupPoint | null;
}

/** Runs and points merged by id (a point's id is its run's id), newest first. */
export function historyEntries(overview: Pick<BackupOverview, 'runs' | 'snapshots'>): HistoryEntry[] {
  const points = new Map(overview.snapshots.map((point) => [point.id, point]));
  const entries: HistoryEntry[] = overview.runs.map((run) => ({
    id: run.id,
    time: run.startedAt,
    state: run.state,
    // A succeeded run may carry an error too: the copy to another place failed, the local point is kept.
    error: run.error ?? null,
    point: points.get(run.id) ?? null,
  }));
  const listed = new Set(entries.map((entry) => entry.id));
  for (const point of overview.snapshots) {
    if (!listed.has(point.id)) entries.push({ id: point.id, time: point.time, state: 'kept', error: null, point });
  }
  return entries.sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
}

/** The newest backup point (the one whose size the overview shows). */
export function latestPoint(points: readonly BackupPoint[]): BackupPoint | null {
  let latest: BackupPoint | null = null;
  for (const point of points) if (!latest || Date.parse(point.time) > Date.parse(latest.time)) latest = point;
  return latest;
}

/** The run under way, if any: after a reload the page follows it again. */
export function runningRun(runs: readonly BackupRun[]): BackupRun | null {
  return runs.find((run) => run.state === 'running') ?? null;
}

/** `YYYY-MM-DD` of `date` as seen in `timeZone` (the browser's own when undefined). */
function calendarDay(date: Date, timeZone: string | undefined): number {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(date)
    .reduce<Record<string, string>>((all, part) => ({ ...all, [part.type]: part.value }), {});
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)) / 86_400_000;
}

/**
 * "today at 03:00", "tomorrow at 03:00", "yesterday at 03:00", else "Monday 7 December at 03:00"
 * (the year only when it is not this one). `timeZone` is for tests; the page uses the browser's.
 */
export function dayText(iso: string, now: Date, locale: Locale, t: Translate, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const time = new Intl.DateTimeFormat(locale, { timeZone, timeStyle: 'short' }).format(date);
  switch (calendarDay(date, timeZone) - calendarDay(now, timeZone)) {
    case 0:
      return t('backups.when.today', { time });
    case 1:
      return t('backups.when.tomorrow', { time });
    case -1:
      return t('backups.when.yesterday', { time });
  }
  const sameYear =
    new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(date) ===
    new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(now);
  const day = new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(date);
  return t('backups.when.date', { date: day, time });
}

/** "aujourd’hui à 03:00" → "Aujourd’hui à 03:00", for a value that stands on its own line. */
export function capitalize(text: string, locale: Locale): string {
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

/** When the next scheduled backup runs, or why none is planned. */
export function nextRunText(
  nextRunAt: string | null,
  scheduleEnabled: boolean | null,
  now: Date,
  locale: Locale,
  t: Translate,
  timeZone?: string,
): string {
  if (scheduleEnabled === false) return t('backups.nextOff');
  if (!nextRunAt) return t('backups.nextNone');
  return dayText(nextRunAt, now, locale, t, timeZone);
}

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** "3 hours ago" / "il y a 3 heures"; "now" under a minute; a clock slightly ahead reads as "now" too. */
export function agoText(iso: string, now: Date, locale: Locale): string {
  const seconds = Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 1000));
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (seconds >= size) return format.format(-Math.floor(seconds / size), unit);
  }
  return format.format(0, 'second');
}

/** "Chat, Pad and Files" in the reader's language, in catalog order. */
export function scopesText(services: readonly string[], locale: Locale, t: Translate): string {
  const known = BACKUP_SCOPES.filter((scope) => services.includes(scope));
  const unknown = services.filter((name) => !BACKUP_SCOPES.includes(name as BackupScope));
  const names = [...known.map((scope) => t(`backups.scope.${scope}`)), ...unknown];
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
}

const WEEK: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** A weekday's name in running text ("lundi", "Monday"): 1 January 2024 was a Monday. */
function weekdayName(day: Weekday, locale: Locale): string {
  const date = new Date(Date.UTC(2024, 0, 1 + WEEK.indexOf(day)));
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(date);
}

/** The schedule in one or two sentences, for the folded form: when it runs (if it does), what it keeps. */
export function scheduleText(schedule: BackupSchedule, locale: Locale, t: Translate): string {
  const keeps = t('backups.schedule.keeps', { ...schedule.retention });
  if (!schedule.enabled) return `${t('backups.nextOff')}. ${keeps}`;
  const days =
    schedule.days.length === WEEK.length
      ? t('backups.schedule.everyDay')
      : new Intl.ListFormat(locale, { type: 'conjunction' }).format(
          WEEK.filter((day) => schedule.days.includes(day)).map((day) => weekdayName(day, locale)),
        );
  const when = t('backups.schedule.when', { days, time: schedule.time });
  return `${capitalize(when, locale)} ${keeps}`;
}
