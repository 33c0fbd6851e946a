import { freePort, ServerProcess, tempDataDir } from './server-process';

/**
 * An upstream (MODE=upstream) as a child process, not started yet. It listens on every address:
 * appliances that join it copy their backups there, and their restic container reaches it through the
 * Docker host's gateway; communities reach it at PUBLIC_URL on loopback.
 */
export async function hubProcess(label: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  return new ServerProcess(tempDataDir(label), {
    MODE: 'upstream',
    PORT: String(port),
    HOST: '0.0.0.0',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    ...env,
  });
}
