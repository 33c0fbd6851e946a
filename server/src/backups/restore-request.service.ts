import { HttpStatus, Injectable } from '@nestjs/common';
import { isFeature } from '../catalog/catalog';
import { ApiException } from '../common/api-error';
import type { JobAcceptedDto } from '../jobs/dto/job.dto';
import { JobsService } from '../jobs/jobs.service';
import { InstallationRepository } from '../setup/installation.repository';
import { BACKUP_TARGET_JOB, tag } from './backup.types';
import type { BackupScope } from './dto/backup.dto';
import { ResticRepository } from './restic.repository';
import { ResticError, type BackupTarget } from './restic.types';
import { pointParts } from './restore.plan';
import { TargetPointsService } from './target-points.service';
import { placeRefusal } from './target-read';

/**
 * POST /api/backups/:snapshotId/restore: checked at request time (the point exists and holds the chosen
 * features), then queued as a `backupRestore` job on the backups target (one at a time, 409 otherwise).
 * The manager's own part is restored only by a new installation's wizard (disaster recovery): replacing
 * the live manager's database under its own feet is refused. With a `targetId` the point is read from
 * that other place (the local repository lost, or the point kept only there), and so is the restore.
 */
@Injectable()
export class RestoreRequestService {
  constructor(
    private readonly restic: ResticRepository,
    private readonly jobs: JobsService,
    private readonly installation: InstallationRepository,
    private readonly places: TargetPointsService,
  ) {}

  async restore(snapshotId: string, scopes: readonly BackupScope[], targetId?: string): Promise<JobAcceptedDto> {
    if (!(await this.installation.get())) throw new ApiException(HttpStatus.CONFLICT, 'Finish the setup first.');
    if (scopes.includes('appliance')) {
      throw new ApiException(
        HttpStatus.BAD_REQUEST,
        "The manager's own settings and accounts are restored from a new installation's setup wizard.",
      );
    }
    const features = scopes.filter(isFeature);
    const snapshots = targetId
      ? await this.places.snapshots(await this.places.place(targetId), [tag('run', snapshotId)])
      : await this.localSnapshots(snapshotId);
    const parts = pointParts(snapshots);
    if (snapshots.length === 0) {
      throw targetId
        ? placeRefusal('pointNotAtTarget')
        : new ApiException(HttpStatus.NOT_FOUND, `No backup point ${snapshotId}.`);
    }
    const absent = features.filter((f) => !parts.features.includes(f));
    if (absent.length > 0) {
      throw new ApiException(HttpStatus.BAD_REQUEST, `This backup point holds no data of ${absent.join(', ')}.`);
    }
    const job = await this.jobs.create('backupRestore', BACKUP_TARGET_JOB, {
      snapshot: snapshotId,
      services: features,
      ...(targetId ? { targetId } : {}),
    });
    return { jobId: job.id };
  }

  private localSnapshots(snapshotId: string) {
    const local: BackupTarget = { kind: 'local' };
    return this.restic.snapshots(local, [tag('run', snapshotId)]).catch((err: unknown) => {
      if (err instanceof ResticError && err.reason === 'noRepository') return [];
      throw err;
    });
  }
}
