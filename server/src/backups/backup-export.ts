import type { Feature } from '../catalog/catalog.types';
import { scopeOfService } from './backup-plan';
import { BACKUP_TAGS, type BackupPointView } from './backup.types';
import type { ResticSnapshot } from './restic.types';

/**
 * Pure parts of the portable export (one feature of one backup point, in a restic repository of its
 * own encrypted with a passphrase the admin types, packed as one .tar): the passphrase rules, the
 * archive's name, the record of the one archive kept, and how long it is kept.
 */

/** Long enough to resist an offline guess for a while: the archive leaves the machine. */
export const PASSPHRASE_MIN = 12;
export const PASSPHRASE_MAX = 256;
/**
 * restic trims the white space around a password read from a file (how we give it) but not around
 * one typed at its prompt (how the admin opens the archive later), and a line break ends the prompt:
 * no white space at either end, no control character anywhere.
 */
export const PASSPHRASE_PATTERN = /^[^\s\p{Cc}](?:[^\p{Cc}]*[^\s\p{Cc}])?$/u;

export type PassphraseProblem = 'tooShort' | 'tooLong' | 'badCharacters';

/** Why a passphrase is refused, or null; lengths in characters (code points), as a person counts. */
export function passphraseProblem(passphrase: string): PassphraseProblem | null {
  const length = [...passphrase].length;
  if (length < PASSPHRASE_MIN) return 'tooShort';
  if (length > PASSPHRASE_MAX) return 'tooLong';
  return PASSPHRASE_PATTERN.test(passphrase) ? null : 'badCharacters';
}

/** An archive is kept a day (or until the next export): a Raspberry Pi's disk stays bounded. */
export const EXPORT_TTL_MS = 24 * 60 * 60 * 1000;

/** ASCII, lower case, words joined by `-`: safe in a file name and a Content-Disposition header. */
export function slug(text: string, fallback = 'tiers-lieu'): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 40)
    .replace(/^-+|-+$/g, '');
  return words || fallback;
}

/** `YYYY-MM-DD` of `time` in `timeZone` (the server's: the day the admin saw the backup made). */
export function localDate(time: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(time)
    .reduce<Record<string, string>>((all, part) => ({ ...all, [part.type]: part.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** `<community>-<feature>-<date of the backup point>.tar` */
export function exportFilename(community: string, feature: Feature, pointTime: Date, timeZone: string): string {
  return `${slug(community)}-${feature}-${localDate(pointTime, timeZone)}.tar`;
}

/** What exportFilename makes; checked again before it goes into a header. */
export const EXPORT_FILENAME = /^[a-z0-9][a-z0-9-]{0,80}\.tar$/;

/** The one archive kept (`exports/archive.json`): which export made it, its name and size, when. */
export interface ExportRecord {
  jobId: string;
  filename: string;
  sizeBytes: number;
  madeAt: string;
}

/** The record from its file's text; undefined for none or a damaged one (the archive is then dropped). */
export function parseExportRecord(text: string | undefined): ExportRecord | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as Partial<ExportRecord>;
    const ok =
      typeof value.jobId === 'string' &&
      typeof value.filename === 'string' &&
      EXPORT_FILENAME.test(value.filename) &&
      typeof value.sizeBytes === 'number' &&
      typeof value.madeAt === 'string' &&
      !Number.isNaN(Date.parse(value.madeAt));
    return ok ? (value as ExportRecord) : undefined;
  } catch {
    return undefined;
  }
}

export function isExpired(record: ExportRecord, now: Date): boolean {
  return now.getTime() - Date.parse(record.madeAt) >= EXPORT_TTL_MS;
}

/** The snapshots of one backup point that hold `feature`'s data (its services' dumps and volumes). */
export function featureSnapshots(snapshots: readonly ResticSnapshot[], feature: Feature): ResticSnapshot[] {
  const prefix = `${BACKUP_TAGS.service}=`;
  return snapshots.filter((s) =>
    s.tags.some((t) => t.startsWith(prefix) && scopeOfService(t.slice(prefix.length)) === feature),
  );
}

/** The newest backup point holding `feature` (points come newest first, as backupPoints lists them). */
export function latestPointWith(points: readonly BackupPointView[], feature: Feature): BackupPointView | undefined {
  return points.find((p) => p.services.includes(feature));
}
