import type { JobError, JobProgress, JobResult, JobStage } from './api';
// Not ./i18n itself: this file stays free of the browser (its unit test runs in Node).
import type { MessageKey, Translate } from './i18n';
import { hasMessage } from './i18n/keys';

/** Result and error keys the server's job handlers send; each must have its text. */
const RESULT_KEYS = [
  'installed',
  'started',
  'stopped',
  'disabledKept',
  'disabledDeleted',
  'restarted',
  'updated',
  'upToDate',
  'reconciled',
  'selfUpdated',
  'backupDone',
  'restored',
] as const;
const ERROR_KEYS = [
  'interrupted',
  'unexpected',
  'legacy',
  'updateRolledBack',
  'notHealthy',
  'stepFailed',
  'selfUpdateFailed',
  'selfUpdateUnsupported',
  'rolledBack',
  'helperStopped',
  'downloadFailed',
  'noRoomToDownload',
  'imageRefused',
  'setupIncomplete',
  'unknownKind',
  'engineUnreachable',
  // Backups (the run).
  'backupDumpFailed',
  'backupDiskFull',
  'backupTargetUnreachable',
  'backupTimeout',
  'backupLocked',
  'backupWrongPassword',
  'backupNoRepository',
  'backupFailed',
  'notAvailable',
  'restorePointMissing',
  'restoreNotInPoint',
  'restoreNoDatabase',
] as const;
/** Backups' retention and checks. */
const BACKUP_MAINTENANCE_RESULT_KEYS = ['backupForgotten', 'backupChecked'] as const;
const BACKUP_MAINTENANCE_ERROR_KEYS = ['backupCheckFailed', 'backupForgetFailed'] as const;
/** Portable exports (backup-export.handler). */
const BACKUP_EXPORT_RESULT_KEYS = ['backupExported'] as const;
const BACKUP_EXPORT_ERROR_KEYS = [
  'backupExportFailed',
  'backupExportDiskFull',
  'backupExportNoPassphrase',
  'backupExportNotInPoint',
] as const;
// A key above without its text (in English, hence in French too) fails the type check here.
export const KNOWN_JOB_MESSAGES: readonly MessageKey[] = [
  ...RESULT_KEYS.map((key) => `jobs.result.${key}` as const),
  ...ERROR_KEYS.map((key) => `jobs.error.${key}` as const),
  ...BACKUP_MAINTENANCE_RESULT_KEYS.map((key) => `jobs.result.${key}` as const),
  ...BACKUP_MAINTENANCE_ERROR_KEYS.map((key) => `jobs.error.${key}` as const),
  ...BACKUP_EXPORT_RESULT_KEYS.map((key) => `jobs.result.${key}` as const),
  ...BACKUP_EXPORT_ERROR_KEYS.map((key) => `jobs.error.${key}` as const),
];

/** The stage in the reader's language; every JobStage has its text, or the type check fails. */
export function stageText(progress: Pick<JobProgress, 'stage' | 'params'>, t: Translate): string {
  const key: MessageKey = `jobs.stage.${progress.stage}`;
  return t(key, progress.params);
}

export function resultText(result: JobResult | null, t: Translate): string {
  if (!result) return t('jobs.result.unknown');
  const key = `jobs.result.${result.key}`;
  return hasMessage(key) ? t(key, result.params) : t('jobs.result.unknown');
}

function isStage(value: unknown): value is JobStage {
  return typeof value === 'string' && hasMessage(`jobs.stage.${value}`);
}

/**
 * Why a job failed, as a sentence: its key translated, or a generic sentence for a key this version
 * does not know (the technical detail, shown apart, then says the rest). A failed step names its
 * stage, shown as the stage's own text.
 */
export function errorText(error: JobError | null, t: Translate): string {
  if (!error) return t('jobs.noReason');
  const key = `jobs.error.${error.key}`;
  if (!hasMessage(key)) return t(error.detail ? 'jobs.error.unknown' : 'jobs.noReason');
  const { stage, ...rest } = error.params;
  const params = isStage(stage) ? { ...rest, stage: stageText({ stage, params: rest }, t) } : error.params;
  return t(key, params);
}
