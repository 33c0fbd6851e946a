import { Injectable } from '@nestjs/common';
import { Clock } from '../platform/clock';
import { DataDirRepository } from '../platform/data-dir.repository';
import { SELF_UPDATE_STATES, type SelfUpdateResult } from './self-update.types';

const nullableString = (value: unknown) => value === null || typeof value === 'string';

function isResult(value: unknown): value is SelfUpdateResult {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  return (
    (SELF_UPDATE_STATES as readonly unknown[]).includes(v.state) &&
    nullableString(v.reason) &&
    nullableString(v.fromVersion) &&
    nullableString(v.toVersion) &&
    typeof v.from === 'string' &&
    typeof v.to === 'string' &&
    typeof v.at === 'string' &&
    !Number.isNaN(Date.parse(v.at)) &&
    nullableString(v.jobId)
  );
}

/**
 * The self-update's files under DATA_DIR/self-update/ (mode 0700, files 0600, owned by whoever runs:
 * the `appliance` user, manager and helper alike): result.json, the helper's log, and the copy of the
 * database taken while the old manager is stopped, put back if the update rolls back (a new version
 * may have migrated the schema before failing its health check).
 */
@Injectable()
export class SelfUpdateFiles {
  constructor(
    private readonly files: DataDirRepository,
    private readonly clock: Clock,
  ) {}

  get dir(): string {
    return this.files.selfUpdateDir;
  }

  get resultPath(): string {
    return this.files.selfUpdateResultFile;
  }

  get logPath(): string {
    return this.files.selfUpdateLogFile;
  }

  /** The last outcome, or undefined when there is none (or the file is not one of ours). */
  readResult(): SelfUpdateResult | undefined {
    try {
      const parsed: unknown = JSON.parse(this.files.readText(this.resultPath) ?? '');
      return isResult(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  /** Atomic, so a manager reading it never sees half a file. */
  writeResult(result: SelfUpdateResult): void {
    this.files.writeAtomic(this.resultPath, `${JSON.stringify(result, null, 2)}\n`);
  }

  startLog(): void {
    this.files.writeAtomic(this.logPath, '');
  }

  log(line: string): void {
    this.files.append(this.logPath, `${this.clock.now().toISOString()} ${line}\n`);
  }

  /** SQLite's online backup (a consistent copy, the WAL included), not a copy of the files. */
  async backupDatabase(): Promise<void> {
    // Versions before the online backup left a plain copy of the three files in a directory.
    this.files.remove(this.files.legacySelfUpdateDatabaseCopyDir);
    await this.files.backupDatabase(this.files.selfUpdateDatabaseCopy);
  }

  /** Only while no manager runs: the files the new one left are replaced by the copy. */
  async restoreDatabase(): Promise<void> {
    if (!this.files.exists(this.files.selfUpdateDatabaseCopy)) throw new Error('no database copy to restore');
    await this.files.restoreDatabase(this.files.selfUpdateDatabaseCopy);
  }
}
