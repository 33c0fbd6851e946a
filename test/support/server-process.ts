import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

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

export function tempDataDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `tl-${label}-`));
}

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

  async start(timeoutMs = 30_000): Promise<void> {
    this.port = await freePort();
    const child = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
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
    let partial = '';
    const onData = (chunk: Buffer) => {
      partial += chunk.toString();
      const parts = partial.split('\n');
      partial = parts.pop() ?? '';
      this.lines.push(...parts);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    await new Promise<void>((res, rej) => {
      const timer = setTimeout(
        () => rej(new Error(`server did not start in ${timeoutMs} ms:\n${this.log}`)),
        timeoutMs,
      );
      const poll = setInterval(() => {
        if (this.lines.some((l) => l.includes('Listening on'))) {
          clearInterval(poll);
          clearTimeout(timer);
          res();
        }
      }, 50);
      child.once('exit', (code) => {
        clearInterval(poll);
        clearTimeout(timer);
        rej(new Error(`server exited with ${code} before listening:\n${this.log}${partial}`));
      });
    });
  }

  /** Graceful stop (SIGTERM), as `docker stop` or Ctrl-C would do. */
  async stop(): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  }

  /** Hard kill (SIGKILL), as a power cut or an OOM kill would do: no shutdown hooks run. */
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
