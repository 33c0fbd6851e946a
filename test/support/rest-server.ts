import { type ChildProcess, spawn } from 'node:child_process';
import { bridgeGateway } from './docker-cli';
import { eventually } from './eventually';
import { removeTempDir, tempDir } from './leftovers';
import { freePort } from './server-process';

/** A real restic REST server on this machine (Debian's `rclone serve restic`), reached from restic's containers. */
export interface RestServer {
  /** As restic's container reaches it (host.docker.internal), without credentials. */
  url: string;
  /** Where it stores the repository. */
  dir: string;
  /** Freezes it (SIGSTOP): it stops answering without closing connections. */
  freeze(): void;
  resume(): void;
  /** Stops it for good (connections refused afterwards). */
  stop(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Starts `rclone serve restic --append-only` (deletions refused, as a co-op's off-site server) on the
 * Docker bridge's gateway address, optionally with a user and password (HTTP basic auth).
 */
export async function startRestServer(label: string, auth?: { user: string; pass: string }): Promise<RestServer> {
  const dir = tempDir(label);
  // The restic container reaches the host's REST server on the bridge's gateway address.
  const gateway = bridgeGateway();
  const port = await freePort();
  const credentials = auth ? ['--user', auth.user, '--pass', auth.pass] : [];
  const child: ChildProcess = spawn(
    'rclone',
    ['serve', 'restic', '--append-only', '--addr', `${gateway}:${port}`, ...credentials, dir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  await eventually(
    () => log.includes('Serving restic REST API'),
    () => `rclone serves (log: ${log})`,
    { timeoutMs: 30_000 },
  );
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGCONT');
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  return {
    url: `http://host.docker.internal:${port}/`,
    dir,
    freeze: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
    stop,
    dispose: async () => {
      await stop();
      removeTempDir(dir);
    },
  };
}
