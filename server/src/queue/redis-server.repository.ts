import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { ProcessRepository } from '../platform/process.repository';
import { REDIS_SERVER_ENV, redisServerArgs } from './redis-server.settings';

/** Unix socket paths are limited to ~107 bytes; fall back to a short path under tmp. */
function socketPathFor(dir: string): string {
  const preferred = join(dir, 'redis.sock');
  if (preferred.length < 100) return preferred;
  const digest = createHash('sha256').update(dir).digest('hex').slice(0, 16);
  return join(tmpdir(), `tl-redis-${digest}.sock`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The private redis-server used when no REDIS_URL is configured: bound to a unix socket under the
 * data directory (no TCP port), append-only so queued jobs survive a restart; its settings, chosen
 * for a small footprint, in redis-server.settings.ts.
 */
export class RedisServerRepository {
  private readonly logger = new Logger('Redis');
  private child: ChildProcess | undefined;
  readonly socketPath: string;
  private readonly pidFile: string;

  constructor(
    private readonly dir: string,
    private readonly processes: ProcessRepository,
  ) {
    this.socketPath = socketPathFor(dir);
    this.pidFile = join(dir, 'redis.pid');
  }

  async start(): Promise<void> {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    this.stopLeftover();
    const args = redisServerArgs({ socketPath: this.socketPath, dir: this.dir, pidFile: this.pidFile });
    const child = this.processes.spawn('redis-server', args, ['ignore', 'pipe', 'pipe'], REDIS_SERVER_ENV);
    this.child = child;
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
    child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
    const failed = new Promise<never>((_, reject) => {
      child.once('error', (err: NodeJS.ErrnoException) =>
        reject(
          new Error(
            err.code === 'ENOENT'
              ? 'redis-server is not installed: install Debian package "redis-server" or set REDIS_URL'
              : `redis-server failed to start: ${err.message}`,
          ),
        ),
      );
      child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output.trim()}`)));
    });
    await Promise.race([this.waitForSocket(), failed]);
    child.removeAllListeners('exit');
    child.on('exit', (code, signal) => {
      if (this.child === child) this.logger.error(`redis-server stopped unexpectedly (${code ?? signal})`);
    });
    this.logger.log(`Private redis-server listening on ${this.socketPath}`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(5000)]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }

  /** A manager killed with SIGKILL leaves its redis-server running: stop it so we own the socket. */
  private stopLeftover(): void {
    if (!existsSync(this.pidFile)) return;
    const pid = Number(readFileSync(this.pidFile, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && this.processes.isAlive(pid)) {
      if (this.processes.commandLine(pid).includes('redis-server')) {
        this.logger.warn(`Stopping a redis-server left over by a previous run (pid ${pid})`);
        this.processes.signal(pid, 'SIGKILL');
      }
    }
    rmSync(this.pidFile, { force: true });
    rmSync(this.socketPath, { force: true });
  }

  private async waitForSocket(): Promise<void> {
    for (let i = 0; i < 200; i++) {
      if (existsSync(this.socketPath)) return;
      await sleep(50);
    }
    throw new Error('redis-server did not open its socket within 10 s');
  }
}
