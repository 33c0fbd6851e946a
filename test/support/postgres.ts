import { randomBytes } from 'node:crypto';
import { docker, dockerOk, waitHealthy } from './docker-cli';
import { testImageTags } from './test-images';

/** A real Postgres (Debian's, the test image) for an upstream's DATABASE_URL, on a loopback port. */
export interface PostgresServer {
  /** postgres://…@127.0.0.1:<port>/hub */
  url: string;
  container: string;
  /** Removes the container and its anonymous data volume. */
  dispose(): Promise<void>;
}

export async function startPostgres(label: string): Promise<PostgresServer> {
  const container = `tl-pg-${label}-${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  await dockerOk([
    'run',
    '-d',
    '--name',
    container,
    '-e',
    `POSTGRES_PASSWORD=${password}`,
    '-e',
    'POSTGRES_USER=hub',
    '-e',
    'POSTGRES_DB=hub',
    '-p',
    '127.0.0.1::5432',
    testImageTags().postgres,
  ]);
  const dispose = async () => {
    await docker(['rm', '-f', '-v', container]);
  };
  try {
    await waitHealthy(container, 120_000);
    const published = await dockerOk(['port', container, '5432/tcp']);
    const port = /:(\d+)\s*$/m.exec(published.split('\n')[0])?.[1];
    if (!port) throw new Error(`no published port for ${container}: ${published}`);
    return { url: `postgres://hub:${password}@127.0.0.1:${port}/hub`, container, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
