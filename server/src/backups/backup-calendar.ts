import { WEEKDAYS, type BackupSchedule, type Weekday } from './backup.types';

/**
 * Calendar arithmetic for the schedule, pure (time zone as an IANA name, the instant given): the cron
 * Bull repeats, the next run the dashboard shows, and which slice of the data an integrity check re-reads.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** The server's time zone (TZ, else the system's): the one the schedule's HH:MM is read in. */
export function serverTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** cron's day-of-week numbers (0 = Sunday). */
const CRON_DAY: Readonly<Record<Weekday, number>> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 0 };

/** `M H * * D` for Bull's repeatable job (read in the time zone Bull is given). */
export function cronOf(schedule: Pick<BackupSchedule, 'time' | 'days'>): string {
  const [hour, minute] = schedule.time.split(':').map(Number);
  const days = [...new Set(schedule.days)].map((d) => CRON_DAY[d]).sort((a, b) => a - b);
  return `${minute} ${hour} * * ${days.length === WEEKDAYS.length ? '*' : days.join(',')}`;
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock in `timeZone` at `instant`. */
export function wallOf(instant: Date, timeZone: string): Wall & { second: number } {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** How far `timeZone` is ahead of UTC at `ms`, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallOf(new Date(ms), timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * The instant a wall-clock time happens in `timeZone`. In a spring-forward gap (02:30 that does not
 * exist) it is the same distance past the gap (03:30); a fall-back repeat (02:30 twice) takes one of them.
 */
export function instantOf(wall: Wall, timeZone: string): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const first = offsetAt(asUtc, timeZone);
  let ms = asUtc - first;
  const second = offsetAt(ms, timeZone);
  if (second !== first) ms = asUtc - second;
  return new Date(ms);
}

/** Days since 1970-01-01 of a calendar date (no time zone: a date is a date). */
const dayNumber = (year: number, month: number, day: number) => Math.round(Date.UTC(year, month - 1, day) / DAY_MS);

/** The weekday of a day number (1970-01-01 was a Thursday). */
const weekdayOf = (n: number): Weekday => WEEKDAYS[(((n + 3) % 7) + 7) % 7];

/** When the schedule next fires after `now`; null when it is disabled (or has no day). */
export function nextRunAt(schedule: BackupSchedule, now: Date, timeZone: string): Date | null {
  if (!schedule.enabled || schedule.days.length === 0) return null;
  const [hour, minute] = schedule.time.split(':').map(Number);
  const today = wallOf(now, timeZone);
  const start = dayNumber(today.year, today.month, today.day);
  // Today's run may be past; a week and a day covers every weekday again.
  for (let n = start; n <= start + 7; n += 1) {
    if (!schedule.days.includes(weekdayOf(n))) continue;
    const date = new Date(n * DAY_MS);
    const at = instantOf(
      { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour, minute },
      timeZone,
    );
    if (at.getTime() > now.getTime()) return at;
  }
  return null;
}

/** 30 slices a month: each check re-reads one, so all data is re-read about monthly. */
const SLICES_PER_MONTH = 30;

/**
 * `restic check --read-data-subset=n/N` for a check on `at`: N slices so that the scheduled days of one
 * month (30 slices when daily, 4 when weekly) re-read everything; n counts scheduled days, so
 * consecutive runs take consecutive slices whatever days are chosen.
 */
export function checkSubset(at: Date, days: readonly Weekday[], timeZone: string): string {
  const chosen = new Set(days.length > 0 ? days : WEEKDAYS);
  const slices = Math.max(1, Math.floor((chosen.size * SLICES_PER_MONTH) / WEEKDAYS.length));
  const w = wallOf(at, timeZone);
  const today = dayNumber(w.year, w.month, w.day);
  // Scheduled days from the epoch's week up to today: whole weeks, then the days of this week so far.
  const monday = today - ((((today + 3) % 7) + 7) % 7);
  let ordinal = Math.floor(monday / 7) * chosen.size;
  for (let n = monday; n <= today; n += 1) if (chosen.has(weekdayOf(n))) ordinal += 1;
  return `${(ordinal % slices) + 1}/${slices}`;
}
