import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { SELF_UPDATE_STATES, type SelfUpdateResult } from './self-update.types';

/** The database file of database/data-source.ts, with its WAL companions. */
const DATABASE_FILES = ['appliance.sqlite', 'appliance.sqlite-wal', 'appliance.sqlite-shm'];

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
export class SelfUpdateFiles {
  readonly dir: string;

  constructor(private readonly dataDir: string) {
    this.dir = join(dataDir, 'self-update');
  }

  private ensureDir(): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  get resultPath(): string {
    return join(this.dir, 'result.json');
  }

  get logPath(): string {
    return join(this.dir, 'helper.log');
  }

  /** The last outcome, or undefined when there is none (or the file is not one of ours). */
  readResult(): SelfUpdateResult | undefined {
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.resultPath, 'utf8'));
      return isResult(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  /** Atomic (write then rename), so a manager reading it never sees half a file. */
  writeResult(result: SelfUpdateResult): void {
    this.ensureDir();
    const tmp = `${this.resultPath}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(result, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, this.resultPath);
  }

  startLog(): void {
    this.ensureDir();
    writeFileSync(this.logPath, '', { mode: 0o600 });
  }

  log(line: string): void {
    this.ensureDir();
    appendFileSync(this.logPath, `${new Date().toISOString()} ${line}\n`, { mode: 0o600 });
  }

  backupDatabase(): void {
    const backup = join(this.dir, 'database-before-update');
    rmSync(backup, { recursive: true, force: true });
    mkdirSync(backup, { recursive: true, mode: 0o700 });
    for (const file of DATABASE_FILES) {
      if (existsSync(join(this.dataDir, file))) copyFileSync(join(this.dataDir, file), join(backup, file));
    }
  }

  /** Only while no manager runs: the files the new one left are replaced by the copy. */
  restoreDatabase(): void {
    const backup = join(this.dir, 'database-before-update');
    if (!existsSync(join(backup, DATABASE_FILES[0]))) throw new Error('no database copy to restore');
    for (const file of DATABASE_FILES) {
      rmSync(join(this.dataDir, file), { force: true });
      if (existsSync(join(backup, file))) copyFileSync(join(backup, file), join(this.dataDir, file));
    }
  }
}
