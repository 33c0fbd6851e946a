import { HttpStatus } from '@nestjs/common';
import { ApiException } from '../common/api-error';
import type { JobRepository } from '../jobs/job.repository';
import { BACKUP_TARGET_JOB } from './backup.types';

/**
 * One backups job at a time per repository (backup, restore, retention, check, export): a request that
 * would start or wait behind another one is answered 409 at once, never left hanging on the data lock.
 */
export async function refuseWhileBackupsBusy(jobRows: JobRepository): Promise<void> {
  const active = await jobRows.findActiveFor(BACKUP_TARGET_JOB);
  if (active) {
    throw new ApiException(
      HttpStatus.CONFLICT,
      `A backup operation is under way (${active.kind}); wait for it to finish.`,
    );
  }
}
