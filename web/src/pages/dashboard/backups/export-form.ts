import type { BackupPoint, FeatureId } from '../../../lib/api';
import type { Message } from '../../../lib/i18n';

/** Catalog order (lib/api's FEATURE_IDS; not imported, so this file stays free of the browser). */
const FEATURES: readonly FeatureId[] = ['chat', 'pad', 'files'];

/**
 * Pure: the export dialog's rules. The same as the server's (server/src/backups/backup-export.ts):
 * restic trims a password file's surrounding spaces but not a typed one, and a line break ends its prompt.
 */
export const PASSPHRASE_MIN = 12;
export const PASSPHRASE_MAX = 256;
const PASSPHRASE_PATTERN = /^[^\s\p{Cc}](?:[^\p{Cc}]*[^\s\p{Cc}])?$/u;

export interface ExportProblems {
  passphrase?: Message;
  confirmation?: Message;
}

/** What is wrong with the two fields, each at most once; empty when the export can start. */
export function exportProblems(passphrase: string, confirmation: string): ExportProblems {
  const length = [...passphrase].length;
  const problems: ExportProblems = {};
  if (length < PASSPHRASE_MIN) {
    problems.passphrase = { key: 'backups.export.tooShort', params: { min: PASSPHRASE_MIN } };
  } else if (length > PASSPHRASE_MAX) {
    problems.passphrase = { key: 'backups.export.tooLong', params: { max: PASSPHRASE_MAX } };
  } else if (!PASSPHRASE_PATTERN.test(passphrase)) {
    problems.passphrase = { key: 'backups.export.badCharacters' };
  }
  if (confirmation !== passphrase) problems.confirmation = { key: 'backups.export.mismatch' };
  return problems;
}

/** The features a point holds, in catalog order (the settings and accounts are never exported). */
export function exportableFeatures(point: Pick<BackupPoint, 'services'>): FeatureId[] {
  return FEATURES.filter((feature) => point.services.includes(feature));
}
