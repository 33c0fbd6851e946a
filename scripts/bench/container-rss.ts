/** The operating system's RSS of a container's processes, read from the host's /proc (bench only). */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const DOCKER = '/usr/bin/docker';

export function docker(args: string[], timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(DOCKER, args, { encoding: 'utf8', timeout: timeoutMs }, (err, stdout, stderr) =>
      err ? reject(new Error(`docker ${args[0]}: ${stderr || err.message}`)) : resolve(stdout.trim()),
    ),
  );
}

export interface ProcessRss {
  /** The command's name; Node names its main thread "MainThread" in /proc: shown as node. */
  label: string;
  bytes: number;
  /**
   * Proportional set size: shared pages divided among the processes mapping them, so that the sum over
   * a container's processes (Postgres's backends all map its shared buffers) counts them once.
   */
  pssBytes: number;
}

const kibOf = (text: string, field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(text)?.[1] ?? 0) * 1024;

/** Every process of the container but tini and shells (a health probe's `sh` is mostly shared libc). */
export async function containerRss(
  name: string,
): Promise<{ total: number; pssTotal: number; processes: ProcessRss[] }> {
  const top = await docker(['top', name, '-eo', 'pid,comm']);
  const processes: ProcessRss[] = [];
  for (const line of top.split('\n').slice(1)) {
    const [pid, comm] = line.trim().split(/\s+/);
    if (comm === 'tini' || comm === 'sh') continue;
    let status: string;
    let smaps: string;
    try {
      status = readFileSync(`/proc/${pid}/status`, 'utf8');
      smaps = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    } catch {
      continue; // a short-lived process (a health probe) ended since `docker top`
    }
    processes.push({
      label: comm === 'MainThread' ? 'node' : comm,
      bytes: kibOf(status, 'VmRSS'),
      pssBytes: kibOf(smaps, 'Pss'),
    });
  }
  const sum = (pick: (p: ProcessRss) => number) => processes.reduce((total, p) => total + pick(p), 0);
  return { total: sum((p) => p.bytes), pssTotal: sum((p) => p.pssBytes), processes };
}

export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
