import { JobFailure } from '../jobs/job-handler';
import type { JobStageParams } from '../jobs/job-progress';
import type { BackupPart } from './backup.types';
import { ResticError, type ResticFailure } from './restic.types';

/** The job error key (`jobs.error.<key>`) of each restic failure, for every backups job. */
export const RESTIC_FAILURE_KEYS: Readonly<Record<ResticFailure, string>> = {
  noRepository: 'backupNoRepository',
  wrongPassword: 'backupWrongPassword',
  locked: 'backupLocked',
  diskFull: 'backupDiskFull',
  unreachable: 'backupTargetUnreachable',
  timeout: 'backupTimeout',
  failed: 'backupFailed',
};

/** The names a person needs to know which part failed. */
export function partParams(part: BackupPart | undefined): JobStageParams {
  if (!part) return {};
  switch (part.kind) {
    case 'database':
      return { service: part.service, database: part.database };
    case 'volume':
      return { service: part.service, volume: part.volume };
    case 'appliance':
      return { service: 'appliance' };
  }
}

/** Any error of a backup run as the JobFailure a person reads (a key with names; the detail apart). */
export function backupFailure(error: unknown, part: BackupPart | undefined): JobFailure {
  if (error instanceof JobFailure) return error;
  if (error instanceof ResticError)
    return new JobFailure(RESTIC_FAILURE_KEYS[error.reason], partParams(part), error.detail);
  return new JobFailure('backupFailed', partParams(part), error instanceof Error ? error.message : String(error));
}
