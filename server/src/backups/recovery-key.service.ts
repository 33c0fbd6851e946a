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
import { refuseWhileBackupsBusy } from './backups-busy';
import type { RecoveryKeyDto } from './dto/recovery-key.dto';
import { newRecoveryKey } from './recovery-key';
import { ResticRepository } from './restic.repository';
import { watched } from './restic-watchdog';
import { ResticError } from './restic.types';

const TARGET_KEY_TIMEOUT_SEC = 60;
const NO_REPOSITORY = 'Run a first backup before making a recovery key.';

/** What is kept of the last recovery key: when, and restic's ids of it here and on each place. */
interface KeyRecord {
  madeAt?: string;
  keyId?: string;
  targetKeys: Record<string, string>;
}

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
    return this.record().madeAt ?? null;
  }

  /** What is kept of the last recovery key: when, and restic's id of it (never the key itself). */
  private record(): KeyRecord {
    const text = this.files.readText(this.files.recoveryKeyRecordFile);
    if (text === undefined) return { targetKeys: {} };
    const { madeAt, keyId, targetKeys } = JSON.parse(text) as Record<string, unknown>;
    const ids = typeof targetKeys === 'object' && targetKeys !== null ? (targetKeys as Record<string, unknown>) : {};
    return {
      madeAt: typeof madeAt === 'string' ? madeAt : undefined,
      keyId: typeof keyId === 'string' ? keyId : undefined,
      targetKeys: Object.fromEntries(
        Object.entries(ids).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      ),
    };
  }

  /**
   * A new key each call, which replaces the previous recovery key: a key the admin lost or leaked
   * stops opening the backups once a new one is made. Keys an admin added by hand are left alone.
   */
  async make(): Promise<RecoveryKeyDto> {
    if (!this.files.exists(this.files.backupPasswordFile)) throw new ApiException(HttpStatus.CONFLICT, NO_REPOSITORY);
    // Never wait behind a long backup with an HTTP request open.
    await refuseWhileBackupsBusy(this.jobRows);
    const recoveryKey = newRecoveryKey();
    await this.locks.run('data', 'recovery-key', async () => {
      const previous = this.record();
      let keyId = '';
      try {
        keyId = await this.restic.addKey(LOCAL_TARGET, recoveryKey, previous.keyId);
      } catch (error) {
        if (error instanceof ResticError && error.reason === 'noRepository') {
          throw new ApiException(HttpStatus.CONFLICT, NO_REPOSITORY);
        }
        throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, 'The backup repository cannot be written right now.');
      }
      const madeAt = this.clock.now().toISOString();
      this.files.writeAtomic(this.files.recoveryKeyRecordFile, JSON.stringify({ madeAt, keyId, targetKeys: {} }));
      const targetKeys = await this.addToTargets(recoveryKey, previous.targetKeys);
      this.files.writeAtomic(this.files.recoveryKeyRecordFile, JSON.stringify({ madeAt, keyId, targetKeys }));
    });
    return { recoveryKey };
  }

  /**
   * The same key on each enabled off-site target, so it opens the copies when this machine is lost.
   * A place that fails keeps its state (the dashboard says the key does not open it); the key is made.
   */
  private async addToTargets(recoveryKey: string, previous: Record<string, string>): Promise<Record<string, string>> {
    // A place that fails or is off keeps its previous key's id: it is replaced there next time.
    const keys: Record<string, string> = { ...previous };
    for (const { row, target } of await this.targets.enabled()) {
      try {
        // An admin waits on the answer: a place that says nothing is given up on (the card says so).
        // The place's previous recovery key goes as it does here.
        keys[row.id] = await watched(Math.min(this.config.backupTargetTimeoutSec, TARGET_KEY_TIMEOUT_SEC), () =>
          this.restic.addKey(target, recoveryKey, previous[row.id]),
        );
        await this.targets.recordRecoveryKey(row.id, this.clock.now());
      } catch (error) {
        this.logger.warn(`the recovery key could not be added to ${row.location}: ${String(error)}`);
      }
    }
    return keys;
  }
}
