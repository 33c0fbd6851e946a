import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Everything a test leaves on this machine goes through here: temporary directories (`/tmp/tl-*`) and
 * the private redis-server a manager starts in its data directory. `scripts/test.sh` passes a ledger
 * file (TL_TEST_LEDGER) that collects every directory of the run, so that the last test
 * (test/final/leftovers.test.ts) can prove that nothing of this run remains, whatever other runs on
 * the same machine leave at the same time.
 */
const created = new Set<string>();
/** Run at exit before the directories go (the server processes still running are killed first). */
const atExit: Array<() => void> = [];

export function beforeRemovalAtExit(hook: () => void): void {
  atExit.push(hook);
  removeAtExit();
}

export function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `tl-${label}-`));
  created.add(dir);
  const ledger = process.env.TL_TEST_LEDGER;
  if (ledger) appendFileSync(ledger, `${dir}\n`);
  removeAtExit();
  return dir;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function cmdline(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
}

function isRedisServer(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'redis-server';
  } catch {
    return false;
  }
}

function inside(path: string, root: string): boolean {
  return path === root || path.startsWith(`${root}/`);
}

/**
 * Live redis-server processes working in `root`. Redis rewrites its command line (to
 * `redis-server unixsocket:<path>`) and changes into its `--dir`: both are read, and the working
 * directory still names a directory that was removed (with " (deleted)").
 */
export function redisServersIn(root: string): number[] {
  const pids = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
  return pids.filter((pid) => {
    if (!isRedisServer(pid)) return false;
    let cwd = '';
    try {
      cwd = readlinkSync(`/proc/${pid}/cwd`).replace(/ \(deleted\)$/, '');
    } catch {
      // Gone meanwhile, or not ours to read.
    }
    const socket = /unixsocket:(\S+)/.exec(cmdline(pid).join(' '))?.[1] ?? '';
    return inside(cwd, root) || inside(socket, root);
  });
}

/**
 * Stops the redis-server a manager left in its data directory when it was SIGKILLed (its pid file
 * says which; the cmdline check guards against a reused pid). Synchronous, so it can run at exit.
 */
export function stopLeftoverRedis(dataDir: string): void {
  const pidFile = join(dataDir, 'redis', 'redis.pid');
  const fromFile = existsSync(pidFile) ? [Number(readFileSync(pidFile, 'utf8').trim())] : [];
  for (const pid of new Set([...fromFile, ...redisServersIn(dataDir)])) {
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && isRedisServer(pid)) {
      process.kill(pid, 'SIGKILL');
    }
  }
}

/** Stops what was left in a directory, then removes it. */
export function removeTempDir(dir: string): void {
  stopLeftoverRedis(dir);
  rmSync(dir, { recursive: true, force: true });
  created.delete(dir);
}

let registered = false;
/**
 * A safety net for a test file that dies before its after() hooks: at exit, whatever this process
 * created and did not remove yet goes. Tests still clean up in after(); this only catches crashes.
 */
function removeAtExit(): void {
  if (registered) return;
  registered = true;
  process.on('exit', () => {
    for (const hook of atExit) hook();
    for (const dir of [...created]) removeTempDir(dir);
  });
}
