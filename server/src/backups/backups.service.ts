import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiException } from '../common/api-error';
import type { JobAcceptedDto } from '../jobs/dto/job.dto';
import type { BackupOverviewDto, BackupScope } from './dto/backup.dto';

/** Lists backup points and runs, and queues backups, restores and checks. (Contract stub: being built.) */
@Injectable()
export class BackupsService {
  overview(): Promise<BackupOverviewDto> {
    return Promise.reject(new ApiException(HttpStatus.SERVICE_UNAVAILABLE, 'Backups are not available yet.'));
  }

  backUp(services: readonly BackupScope[] | undefined): Promise<JobAcceptedDto> {
    void services;
    return Promise.reject(new ApiException(HttpStatus.SERVICE_UNAVAILABLE, 'Backups are not available yet.'));
  }

  restore(snapshotId: string, services: readonly BackupScope[]): Promise<JobAcceptedDto> {
    void snapshotId;
    void services;
    return Promise.reject(new ApiException(HttpStatus.SERVICE_UNAVAILABLE, 'Backups are not available yet.'));
  }

  check(): Promise<JobAcceptedDto> {
    return Promise.reject(new ApiException(HttpStatus.SERVICE_UNAVAILABLE, 'Backups are not available yet.'));
  }
}
