import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EngineRepository } from '../engine/engine.repository';
import { LockService } from '../locks/lock.service';
import { Clock } from '../platform/clock';
import { DataDirRepository } from '../platform/data-dir.repository';
import { BackupRunRepository } from './backup-run.repository';
import { BackupRunner, LOCAL_TARGET } from './backup.runner';
import { ResticRepository } from './restic.repository';

/**
 * At boot, what a killed manager left: its restic containers (they would go on writing), runs still
 * `running` (failed now, their partial snapshots removed), and restic's locks, stale since nothing of
 * ours runs. All under the data lock, so a backup queued meanwhile waits for the clean-up.
 */
@Injectable()
export class BackupRecoveryService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Backups');
  /** The clean-up in progress, for tests and for a shutdown that waits. */
  done: Promise<void> = Promise.resolve();

  constructor(
    private readonly restic: ResticRepository,
    private readonly runs: BackupRunRepository,
    private readonly runner: BackupRunner,
    private readonly engine: EngineRepository,
    private readonly files: DataDirRepository,
    private readonly locks: LockService,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    // In the background: restic runs take seconds, the dashboard should not wait for them.
    this.done = this.locks
      .run('data', 'backup-recovery', () => this.recover())
      .catch((error: unknown) => this.logger.error(`backup recovery failed: ${String(error)}`));
  }

  private async recover(): Promise<void> {
    for (const id of await this.restic.leftovers()) await this.engine.remove(id);
    const interrupted = await this.runs.running();
    if (this.files.exists(this.files.backupPasswordFile)) {
      try {
        await this.restic.unlock(LOCAL_TARGET);
      } catch (error) {
        this.logger.warn(`could not clear restic's stale locks: ${String(error)}`);
      }
      for (const run of interrupted) await this.runner.removeRun(run.id);
    }
    for (const run of interrupted) {
      await this.runs.fail(run.id, { key: 'interrupted', params: {}, detail: null }, this.clock.now());
    }
    if (interrupted.length > 0) this.logger.log(`marked ${interrupted.length} interrupted backup run(s) failed`);
  }
}
