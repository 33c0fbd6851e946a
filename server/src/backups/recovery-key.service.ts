import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ApiException } from '../common/api-error';
import { JobRepository } from '../jobs/job.repository';
import { LockService } from '../locks/lock.service';
import { Clock } from '../platform/clock';
import { DataDirRepository } from '../platform/data-dir.repository';
import { LOCAL_TARGET } from './backup.runner';
import { BackupTargetRepository } from './backup-target.repository';
import { BACKUP_TARGET_JOB } from './backup.types';
import type { RecoveryKeyDto } from './dto/recovery-key.dto';
import { newRecoveryKey } from './recovery-key';
import { ResticRepository } from './restic.repository';
import { watched } from './restic-watchdog';
import { ResticError } from './restic.types';

const TARGET_KEY_TIMEOUT_SEC = 60;
const NO_REPOSITORY = 'Run a first backup before making a recovery key.';

/**
 * The recovery key: a second restic key of the repository, shown once to the admin, so the backups
 * outlive this machine (and its copy of the repository password). Only when it was made is kept.
 */
@Injectable()
export class RecoveryKeyService {
  private readonly logger = new Logger('Backups');

  constructor(
    private readonly restic: ResticRepository,
    private readonly files: DataDirRepository,
    private readonly locks: LockService,
    private readonly jobRows: JobRepository,
    private readonly clock: Clock,
    private readonly targets: BackupTargetRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** When the last recovery key was made, or null. */
  madeAt(): string | null {
    const text = this.files.readText(this.files.recoveryKeyRecordFile);
    if (text === undefined) return null;
    const { madeAt } = JSON.parse(text) as { madeAt?: unknown };
    return typeof madeAt === 'string' ? madeAt : null;
  }

  /**
   * A new key each call. Earlier recovery keys stay valid (restic `key add` does not tell the new
   * key's id, so we cannot tell ours from the manager's own key to remove the old one safely).
   */
  async make(): Promise<RecoveryKeyDto> {
    if (!this.files.exists(this.files.backupPasswordFile)) throw new ApiException(HttpStatus.CONFLICT, NO_REPOSITORY);
    // Never wait behind a long backup with an HTTP request open.
    const active = await this.jobRows.findActiveFor(BACKUP_TARGET_JOB);
    if (active) {
      throw new ApiException(HttpStatus.CONFLICT, `A backup operation is under way (${active.kind}); try again later.`);
    }
    const recoveryKey = newRecoveryKey();
    await this.locks.run('data', 'recovery-key', async () => {
      try {
        await this.restic.addKey(LOCAL_TARGET, recoveryKey);
      } catch (error) {
        if (error instanceof ResticError && error.reason === 'noRepository') {
          throw new ApiException(HttpStatus.CONFLICT, NO_REPOSITORY);
        }
        throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, 'The backup repository cannot be written right now.');
      }
      this.files.writeAtomic(
        this.files.recoveryKeyRecordFile,
        JSON.stringify({ madeAt: this.clock.now().toISOString() }),
      );
      await this.addToTargets(recoveryKey);
    });
    return { recoveryKey };
  }

  /**
   * The same key on each enabled off-site target, so it opens the copies when this machine is lost.
   * A place that fails keeps its state (the dashboard says the key does not open it); the key is made.
   */
  private async addToTargets(recoveryKey: string): Promise<void> {
    for (const { row, target } of await this.targets.enabled()) {
      try {
        // An admin waits on the answer: a place that says nothing is given up on (the card says so).
        await watched(Math.min(this.config.backupTargetTimeoutSec, TARGET_KEY_TIMEOUT_SEC), () =>
          this.restic.addKey(target, recoveryKey),
        );
        await this.targets.recordRecoveryKey(row.id, this.clock.now());
      } catch (error) {
        this.logger.warn(`the recovery key could not be added to ${row.location}: ${String(error)}`);
      }
    }
  }
}
