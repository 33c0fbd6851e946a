import { Injectable } from '@nestjs/common';
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export type SpawnStdio = 'ignore' | 'pipe' | 'inherit';

/**
 * The only place that starts or signals other processes. Commands take an argument array and never
 * go through a shell, so no path or user input is ever parsed as shell syntax.
 */
@Injectable()
export class ProcessRepository {
  /** `env` adds to (never replaces) this process's environment. */
  spawn(
    command: string,
    args: readonly string[],
    stdio: [SpawnStdio, SpawnStdio, SpawnStdio],
    env: Readonly<Record<string, string>> = {},
  ): ChildProcess {
    return spawn(command, args, { stdio, shell: false, env: { ...process.env, ...env } });
  }

  /** Whether a process with this pid exists (signal 0 checks without sending anything). */
  isAlive(pid: number): boolean {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  /** Throws when there is no such process (or it is not ours to signal). */
  signal(pid: number, signal: NodeJS.Signals): void {
    process.kill(pid, signal);
  }

  /** The process's command line as Linux reports it (arguments NUL-separated); '' when unknown. */
  commandLine(pid: number): string {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      return '';
    }
  }
}
