import {
  appendFileSync,
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createReadStream, createWriteStream, type ReadStream, type WriteStream } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { copyDatabase, syncPath, temporaryBeside, writeAllSync } from './durable-files.repository';
import { SecretPaths } from './secret-paths';

/** The manager's database; WAL mode adds the two companions while a connection is open. */
const DATABASE = 'appliance.sqlite';
const DATABASE_COMPANIONS = [`${DATABASE}-wal`, `${DATABASE}-shm`];

/**
 * The one owner of DATA_DIR: every file the manager, the CLI and the self-update helper keep there is
 * named here, and written here (0600 files in 0700 directories, atomically). Everything is private to
 * the user that runs the appliance: a stolen secrets file or setup token is a stolen appliance.
 */
export class DataDirRepository extends SecretPaths {
  constructor(dataDir: string) {
    super(resolve(dataDir));
  }

  // --- Paths (the secrets' in secret-paths.ts) -----------------------------------------------------

  /** SQLite (better-sqlite3, WAL). Copy it with backupDatabase(), never as a plain file. */
  get databaseFile(): string {
    return join(this.root, DATABASE);
  }

  /** The private redis-server's directory (socket, append-only file, pid file). */
  get redisDir(): string {
    return join(this.root, 'redis');
  }

  /** Backups: the default local restic repository and the staging area of the manager's own files. */
  get backupsDir(): string {
    return join(this.root, 'backups');
  }

  get backupRepositoryDir(): string {
    return join(this.backupsDir, 'repository');
  }

  /** The online copy of the manager's database, backed up with the secrets directory. */
  get backupStagingDir(): string {
    return join(this.backupsDir, 'staging');
  }

  /** The portable export of one feature (backups/backup-export.*): kept a day, never backed up. */
  get exportsDir(): string {
    return join(this.backupsDir, 'exports');
  }

  /** Members' pictures, one file per account id (its type read back from its first bytes). */
  get avatarsDir(): string {
    return join(this.root, 'avatars');
  }

  /** The first-run token that gates the wizard, until setup consumes it. */
  get setupTokenFile(): string {
    return join(this.root, 'setup-token');
  }

  /**
   * A mutualised host's enrollment code that a co-op put in the volume before shipping the device:
   * read on first boot, removed once used (renamed `.refused` when the host or the code says no).
   */
  get enrollmentCodeFile(): string {
    return join(this.root, 'enrollment-code');
  }

  /** The running manager's pid, for `appliance reconcile` (SIGHUP). */
  get managerPidFile(): string {
    return join(this.root, 'manager.pid');
  }

  get selfUpdateDir(): string {
    return join(this.root, 'self-update');
  }

  get selfUpdateResultFile(): string {
    return join(this.selfUpdateDir, 'result.json');
  }

  get selfUpdateLogFile(): string {
    return join(this.selfUpdateDir, 'helper.log');
  }

  /** The database as it was before an update, put back if the update rolls back. */
  get selfUpdateDatabaseCopy(): string {
    return join(this.selfUpdateDir, 'database-before-update.sqlite');
  }

  /** Where versions before the online backup kept their plain copy of the three files. */
  get legacySelfUpdateDatabaseCopyDir(): string {
    return join(this.selfUpdateDir, 'database-before-update');
  }

  // --- Files ---------------------------------------------------------------------------------------

  /** Creates the directory (default: DATA_DIR itself) and its parents, 0700. */
  ensureDir(dir: string = this.root): void {
    mkdirSync(this.inside(dir), { recursive: true, mode: 0o700 });
  }

  exists(path: string): boolean {
    return existsSync(this.inside(path));
  }

  /** The file's text, or undefined when it does not exist. */
  readText(path: string): string | undefined {
    try {
      return readFileSync(this.inside(path), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  /** When the file was last written, or undefined when it does not exist. */
  modifiedAt(path: string): Date | undefined {
    try {
      return statSync(this.inside(path)).mtime;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  /** The file's bytes, or undefined when it does not exist. */
  readBytes(path: string): Buffer | undefined {
    try {
      return readFileSync(this.inside(path));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  /**
   * Replaces the file in one step, mode 0600: a temporary file in the same directory, fsync, rename,
   * fsync of the directory. A reader or a crash sees the old content or the new, never half a file;
   * a failed write leaves the old file and no temporary file behind.
   */
  writeAtomic(path: string, content: string | Uint8Array): void {
    const target = this.inside(path);
    const tmp = this.writeTemporary(target, content);
    try {
      renameSync(tmp, target);
    } catch (err) {
      rmSync(tmp, { force: true });
      throw err;
    }
    syncPath(dirname(target));
  }

  /**
   * Creates the file whole (0600), unless it exists: false then, and the file is left as it is. Of
   * several processes creating it at once (a key made on first need), exactly one wins; the others
   * read the winner's.
   */
  createAtomic(path: string, content: string | Uint8Array): boolean {
    const target = this.inside(path);
    const tmp = this.writeTemporary(target, content);
    try {
      linkSync(tmp, target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err;
    } finally {
      rmSync(tmp, { force: true });
    }
    syncPath(dirname(target));
    return true;
  }

  /** The content in a synced 0600 temporary file beside `target`; nothing left behind on failure. */
  private writeTemporary(target: string, content: string | Uint8Array): string {
    this.ensureDir(dirname(target));
    const tmp = temporaryBeside(target);
    try {
      const fd = openSync(tmp, 'wx', 0o600);
      try {
        writeAllSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch (err) {
      rmSync(tmp, { force: true });
      throw err;
    }
    return tmp;
  }

  /** Appends to a log-like file, created 0600. Not atomic: for lines a person reads, not for state. */
  append(path: string, text: string): void {
    const target = this.inside(path);
    this.ensureDir(dirname(target));
    appendFileSync(target, text, { mode: 0o600 });
  }

  remove(path: string): void {
    rmSync(this.inside(path), { recursive: true, force: true });
  }

  /** A new 0600 file to stream into (an export archive, never whole in memory); its directory exists. */
  openWrite(path: string): WriteStream {
    return createWriteStream(this.inside(path), { flags: 'wx', mode: 0o600 });
  }

  openRead(path: string): ReadStream {
    return createReadStream(this.inside(path));
  }

  // --- Named files the CLI reads -------------------------------------------------------------------

  readSetupToken(): string | null {
    const token = this.readText(this.setupTokenFile)?.trim();
    return token ? token : null;
  }

  /** The pid the running manager wrote, or undefined (no file, or not a pid). */
  readManagerPid(): number | undefined {
    const pid = Number(this.readText(this.managerPidFile)?.trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  }

  writeManagerPid(pid: number): void {
    this.writeAtomic(this.managerPidFile, `${pid}\n`);
  }

  removeManagerPid(): void {
    this.remove(this.managerPidFile);
  }

  // --- The database --------------------------------------------------------------------------------

  /**
   * A consistent copy of the live database into `dest` (0600, replaced atomically), through SQLite's
   * online backup on a connection of its own: safe while the manager writes (its WAL is included),
   * unlike a copy of the files, which can tear between the database and its WAL.
   */
  async backupDatabase(dest: string): Promise<void> {
    await copyDatabase(this.inside(this.databaseFile), this.inside(dest));
  }

  /**
   * Puts a copy made by backupDatabase() back as the live database. Only while no manager runs: the
   * live WAL and shared-memory files belong to the database being replaced and are removed with it.
   */
  async restoreDatabase(copy: string): Promise<void> {
    const staged = temporaryBeside(this.databaseFile);
    try {
      await copyDatabase(this.inside(copy), staged);
      for (const companion of DATABASE_COMPANIONS) rmSync(join(this.root, companion), { force: true });
      renameSync(staged, this.databaseFile);
    } catch (err) {
      rmSync(staged, { force: true });
      throw err;
    }
    syncPath(this.root);
  }

  /** Refuses a path outside DATA_DIR: this repository owns that directory and nothing else. */
  private inside(path: string): string {
    const absolute = resolve(this.root, path);
    const rel = relative(this.root, absolute);
    if (rel.startsWith('..') || isAbsolute(rel)) throw new Error(`${path} is outside the data directory`);
    return absolute;
  }
}
