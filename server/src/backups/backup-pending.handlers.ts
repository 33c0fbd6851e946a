import { Injectable } from '@nestjs/common';
import { HandlesJobs, JobFailure, type JobHandler, type JobOutcome } from '../jobs/job-handler';

/**
 * Placeholders for the backups kinds not built yet (restore): each fails with
 * `notAvailable`. Whoever builds one removes its class here and adds the real handler.
 */
@Injectable()
@HandlesJobs('backupRestore')
export class BackupRestorePending implements JobHandler {
  run(): Promise<JobOutcome> {
    return Promise.reject(new JobFailure('notAvailable'));
  }
}

export const PENDING_BACKUP_HANDLERS = [BackupRestorePending];
