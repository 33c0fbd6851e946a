import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { NODE_ENV, NODE_FLAGS } from '../../server/src/platform/node-runtime';
import { beforeRemovalAtExit, removeTempDir, tempDir } from './leftovers';

// Compiled to .build/test/test/support: the repository is four levels up.
export const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');
const MAIN = join(REPO_ROOT, 'server', 'dist', 'main.js');

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => res(port));
    });
  });
}

/** A fresh data directory under /tmp/tl-<label>-*, removed by dispose() (or at exit at the latest). */
export function tempDataDir(label: string): string {
  return tempDir(label);
}

/** Managers still running when a test file exits (it crashed before its after()): killed at exit. */
const running = new Set<ChildProcess>();
beforeRemovalAtExit(() => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * The real built server (`server/dist/main.js`) as a child process: real SQLite, real private
 * redis-server, the whole log captured so tests can check what was (and was not) written.
 */
export class ServerProcess {
  readonly lines: string[] = [];
  private child: ChildProcess | undefined;
  port = 0;

  constructor(
    readonly dataDir: string,
    private readonly env: Record<string, string> = {},
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get log(): string {
    return this.lines.join('\n');
  }

  async start(timeoutMs = Number(process.env.TL_START_TIMEOUT_MS ?? 30_000)): Promise<void> {
    // A PORT given in env keeps the address across restarts (clients that stored it come back to it).
    this.port = this.env.PORT ? Number(this.env.PORT) : await freePort();
    // Started as npm start and the image start it, with the same node settings.
    const extra = process.env.TL_SERVER_NODE_ARGS ? process.env.TL_SERVER_NODE_ARGS.split(' ') : [];
    const child = spawn(process.execPath, [...NODE_FLAGS, ...extra, MAIN], {
      env: {
        ...process.env,
        ...NODE_ENV,
        DATA_DIR: this.dataDir,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        NO_COLOR: '1',
        LOG_LEVEL: 'log',
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    running.add(child);
    child.once('exit', () => running.delete(child));
    let partial = '';
    const from = this.lines.length;
    let listening: () => void = () => undefined;
    const onData = (chunk: Buffer) => {
      partial += chunk.toString();
      const parts = partial.split('\n');
      partial = parts.pop() ?? '';
      this.lines.push(...parts);
      if (parts.some((l) => l.includes('Listening on'))) listening();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    // Waits on the log line itself (no polling); the timer only bounds a server that hangs.
    await new Promise<void>((res, rej) => {
      const timer = setTimeout(
        () => rej(new Error(`server did not start in ${timeoutMs} ms:\n${this.log}`)),
        timeoutMs,
      );
      const onExit = (code: number | null) => {
        clearTimeout(timer);
        rej(new Error(`server exited with ${code} before listening:\n${this.log}${partial}`));
      };
      listening = () => {
        clearTimeout(timer);
        child.off('exit', onExit);
        res();
      };
      if (this.lines.slice(from).some((l) => l.includes('Listening on'))) listening();
      child.once('exit', onExit);
    });
  }

  /** Graceful stop (SIGTERM), as `docker stop` or Ctrl-C would do. */
  async stop(): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  }

  /**
   * Stops the manager gracefully, stops the redis-server a SIGKILLed run may have left in the data
   * directory, and removes the directory: what every test's after() calls.
   */
  async dispose(): Promise<void> {
    await this.stop();
    removeTempDir(this.dataDir);
  }

  /**
   * Hard kill (SIGKILL), as an OOM kill would do: no shutdown hooks run, and the private redis-server
   * is left running (the next start on this data directory stops it; dispose() does otherwise).
   */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((res) => child.once('exit', res));
    child.kill('SIGKILL');
    await exited;
  }

  /** The setup token as printed in the log banner. */
  setupTokenFromLog(): string {
    const match = /setup token: (\S+)/.exec(this.log);
    if (!match) throw new Error(`no setup token in the log:\n${this.log}`);
    return match[1];
  }
}
