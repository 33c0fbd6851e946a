import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { eventually } from './eventually';

/**
 * Debian's docker client, as a volunteer or the tests run it against the real engine (argument arrays,
 * never a shell). The manager itself talks to the engine through server/src/engine only.
 */
export const DOCKER = '/usr/bin/docker';

export interface DockerResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, trimmed: what a person would read. */
  out: string;
}

/** Resolves with the exit code; rejects only when the client did not finish (timeout, signal). */
export function docker(
  args: string[],
  { timeoutMs = 120_000, env = process.env }: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<DockerResult> {
  return new Promise((resolve, reject) => {
    execFile(
      DOCKER,
      args,
      { encoding: 'utf8', timeout: timeoutMs, env, maxBuffer: 32 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err && typeof err.code !== 'number') {
          reject(new Error(`docker ${args.join(' ')} did not finish (${err.signal ?? String(err.code)}): ${stderr}`));
          return;
        }
        resolve({ code: err ? Number(err.code) : 0, stdout, stderr, out: `${stdout}${stderr}`.trim() });
      },
    );
  });
}

/** stdout, trimmed; fails the test with the client's message when the command fails. */
export async function dockerOk(args: string[], options?: Parameters<typeof docker>[1]): Promise<string> {
  const r = await docker(args, options);
  assert.equal(r.code, 0, `docker ${args.join(' ')} failed (${r.code}): ${r.out}`);
  return r.stdout.trim();
}

/** The synchronous form, for short commands in setup and cleanup; throws when the command fails. */
export function dockerSync(...args: string[]): string {
  return execFileSync(DOCKER, args, { encoding: 'utf8' }).trim();
}

/** Waits until a container's own health check says healthy; on timeout, shows its log tail. */
export async function waitHealthy(name: string, timeoutMs = 90_000): Promise<void> {
  let state = '';
  try {
    await eventually(
      async () => {
        state = (await docker(['inspect', '--format', '{{.State.Health.Status}}', name])).out;
        return state === 'healthy';
      },
      `${name} is healthy`,
      { timeoutMs, intervalMs: 500 },
    );
  } catch (err) {
    const logs = (await docker(['logs', '--tail', '60', name])).out;
    throw new Error(`${name} is "${state}", not healthy, after ${timeoutMs} ms:\n${logs}`, { cause: err });
  }
}

/**
 * The default bridge's gateway on the host: where a server the tests start listens so that containers
 * reach it (as host.docker.internal). The engine's IPAM record can lack the gateway (seen once in CI:
 * an empty value made sshd listen on ":port"); the engine then gives the bridge its subnet's first
 * address, which is the fallback.
 */
export function bridgeGateway(): string {
  const [gateways, subnets] = ['Gateway', 'Subnet'].map((field) =>
    dockerSync('network', 'inspect', 'bridge', '-f', `{{range .IPAM.Config}}{{.${field}}} {{end}}`).split(/\s+/),
  );
  const recorded = gateways.find((address) => /^\d+\.\d+\.\d+\.\d+$/.test(address));
  if (recorded) return recorded;
  const subnet = subnets.map((cidr) => /^(\d+\.\d+\.\d+)\.(\d+)\/\d+$/.exec(cidr)).find(Boolean);
  if (!subnet) throw new Error(`the Docker bridge has no IPv4 gateway nor subnet (${subnets.join(' ')})`);
  return `${subnet[1]}.${Number(subnet[2]) + 1}`;
}
