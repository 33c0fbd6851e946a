import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Durable writes under the data directory, for DataDirRepository (which checks every path first):
 * temporary files beside their target, fsync of files and directories, the online SQLite copy.
 */

/** The most pages better-sqlite3 lets one backup step copy. */
const ALL_PAGES = 0x7fffffff;

export function temporaryBeside(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

export function writeAllSync(fd: number, data: Uint8Array): void {
  let offset = 0;
  while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset);
}

/** Flushes a file, or a directory (which makes a rename in it durable), to the disk. */
export function syncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export async function copyDatabase(source: string, dest: string): Promise<void> {
  if (!existsSync(source)) throw new Error(`no database at ${source}`);
  mkdirSync(dirname(dest), { recursive: true, mode: 0o700 });
  const staged = temporaryBeside(dest);
  // Created 0600 before SQLite opens it, whatever the umask.
  closeSync(openSync(staged, 'wx', 0o600));
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // All pages in one step (after the first, which only starts): a step that writers interrupt is
    // started over, so with the default 100 pages a step a busy manager could delay the copy forever.
    // One step is one read transaction: a consistent snapshot, and in WAL mode writers go on meanwhile.
    await db.backup(staged, { progress: () => ALL_PAGES });
    syncPath(staged);
    renameSync(staged, dest);
  } catch (err) {
    rmSync(staged, { force: true });
    throw err;
  } finally {
    db.close();
  }
  syncPath(dirname(dest));
}
