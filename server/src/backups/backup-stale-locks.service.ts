import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { LockService } from '../locks/lock.service';
import { RESTIC_PORT } from './backup.tokens';
import { watched } from './restic-watchdog';
import type { BackupTarget, ResticPort } from './restic.types';

/**
 * Stale restic locks: a restic killed mid-run (the manager killed, the machine rebooted) leaves its
 * lock in the repository and every later run would wait on it. restic cannot tell a dead container's
 * lock from a live one, so locks are removed only while no backup of ours runs: when the `data` lock
 * is free or held by the caller itself (every restic call of ours runs under it).
 */
@Injectable()
export class BackupStaleLocks {
  private readonly logger = new Logger('Backups');

  constructor(
    @Inject(RESTIC_PORT) private readonly restic: ResticPort,
    private readonly locks: LockService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Whether another holder than `holder` has the data lock (a backup or restore of ours runs). */
  busy(holder: string): boolean {
    return this.locks.snapshot().held.some((h) => h.lock === 'data' && h.holder !== holder);
  }

  /** Removes the target's stale locks unless another run of ours is under way; true when it did. */
  async clear(target: BackupTarget, holder: string): Promise<boolean> {
    if (this.busy(holder)) {
      this.logger.log(`Stale lock check skipped: another backup operation holds the data lock`);
      return false;
    }
    await watched(this.config.backupTargetTimeoutSec, () => this.restic.unlock(target));
    return true;
  }
}
