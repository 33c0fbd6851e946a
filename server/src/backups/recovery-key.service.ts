import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiException } from '../common/api-error';
import { JobRepository } from '../jobs/job.repository';
import { LockService } from '../locks/lock.service';
import { Clock } from '../platform/clock';
import { DataDirRepository } from '../platform/data-dir.repository';
import { LOCAL_TARGET } from './backup.runner';
import { BACKUP_TARGET_JOB } from './backup.types';
import type { RecoveryKeyDto } from './dto/recovery-key.dto';
import { newRecoveryKey } from './recovery-key';
import { ResticRepository } from './restic.repository';
import { ResticError } from './restic.types';

const NO_REPOSITORY = 'Run a first backup before making a recovery key.';

/**
 * The recovery key: a second restic key of the repository, shown once to the admin, so the backups
 * outlive this machine (and its copy of the repository password). Only when it was made is kept.
 */
@Injectable()
export class RecoveryKeyService {
  constructor(
    private readonly restic: ResticRepository,
    private readonly files: DataDirRepository,
    private readonly locks: LockService,
    private readonly jobRows: JobRepository,
    private readonly clock: Clock,
  ) {}

  /** When the last recovery key was made, or null. */
  madeAt(): string | null {
    return this.record().madeAt ?? null;
  }

  /** What is kept of the last recovery key: when, and restic's id of it (never the key itself). */
  private record(): { madeAt?: string; keyId?: string } {
    const text = this.files.readText(this.files.recoveryKeyRecordFile);
    if (text === undefined) return {};
    const { madeAt, keyId } = JSON.parse(text) as { madeAt?: unknown; keyId?: unknown };
    return {
      madeAt: typeof madeAt === 'string' ? madeAt : undefined,
      keyId: typeof keyId === 'string' ? keyId : undefined,
    };
  }

  /**
   * A new key each call, which replaces the previous recovery key: a key the admin lost or leaked
   * stops opening the backups once a new one is made. Keys an admin added by hand are left alone.
   */
  async make(): Promise<RecoveryKeyDto> {
    if (!this.files.exists(this.files.backupPasswordFile)) throw new ApiException(HttpStatus.CONFLICT, NO_REPOSITORY);
    // Never wait behind a long backup with an HTTP request open.
    const active = await this.jobRows.findActiveFor(BACKUP_TARGET_JOB);
    if (active) {
      throw new ApiException(HttpStatus.CONFLICT, `A backup operation is under way (${active.kind}); try again later.`);
    }
    const recoveryKey = newRecoveryKey();
    let keyId = '';
    await this.locks.run('data', 'recovery-key', async () => {
      try {
        keyId = await this.restic.addKey(LOCAL_TARGET, recoveryKey, this.record().keyId);
      } catch (error) {
        if (error instanceof ResticError && error.reason === 'noRepository') {
          throw new ApiException(HttpStatus.CONFLICT, NO_REPOSITORY);
        }
        throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, 'The backup repository cannot be written right now.');
      }
      this.files.writeAtomic(
        this.files.recoveryKeyRecordFile,
        JSON.stringify({ madeAt: this.clock.now().toISOString(), keyId }),
      );
    });
    return { recoveryKey };
  }
}
