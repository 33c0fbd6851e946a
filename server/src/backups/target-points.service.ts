import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { backupPoints } from './backup-overview';
import { BackupRunRepository } from './backup-run.repository';
import { BackupTargetRepository, type StoredTarget } from './backup-target.repository';
import type { TargetPointsDto } from './dto/target-points.dto';
import { watched } from './restic-watchdog';
import type { ResticSnapshot } from './restic.types';
import { ResticRepository } from './restic.repository';
import { placeReadProblem, placeRefusal } from './target-read';

/** A person waits on the answer: a place silent for this long is reported as not answering. */
const READ_TIMEOUT_SEC = 120;

/**
 * Reading an off-site place to restore from it: its backup points (GET /api/backups/targets/:id/points)
 * and one point's snapshots (the restore request's check). The place's repository opens with this
 * server's backup password: places are created with it and `restic copy` keeps the snapshots as they are.
 */
@Injectable()
export class TargetPointsService {
  private readonly logger = new Logger('Backups');

  constructor(
    private readonly targets: BackupTargetRepository,
    private readonly runs: BackupRunRepository,
    private readonly restic: ResticRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async points(id: string): Promise<TargetPointsDto> {
    const place = await this.place(id);
    const [snapshots, byId] = await Promise.all([this.snapshots(place), this.runs.byId()]);
    return { points: backupPoints(snapshots, byId) };
  }

  /** A configured place (404 otherwise), as restic reaches it. */
  async place(id: string): Promise<StoredTarget> {
    const row = await this.targets.find(id);
    if (!row) throw placeRefusal('targetNotFound');
    return this.targets.stored(row);
  }

  /** The place's snapshots (with these tags), a failure to read it as a 404 or a 502 with its code. */
  async snapshots(place: StoredTarget, tags: string[] = []): Promise<ResticSnapshot[]> {
    try {
      const timeout = Math.min(this.config.backupTargetTimeoutSec, READ_TIMEOUT_SEC);
      return await watched(timeout, () => this.restic.snapshots(place.target, tags));
    } catch (error) {
      const problem = placeReadProblem(error);
      this.logger.warn(`backup place ${place.row.location} could not be read (${problem}): ${String(error)}`);
      throw placeRefusal(problem);
    }
  }
}
