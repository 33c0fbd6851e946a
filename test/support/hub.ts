import { randomBytes, type KeyObject } from 'node:crypto';
import request from 'supertest';
import { signRequest } from '../../server/src/fleet-link/link-signature';
import { freePort, ServerProcess, tempDataDir } from './server-process';
import { sessionFrom, setupPayload } from './setup-payload';

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

/** Runs a started hub's wizard (no features) and answers its first admin's session. */
export async function setUpHub(hub: ServerProcess): Promise<{ cookie: string; csrf: string }> {
  const res = await request(hub.url)
    .post('/api/setup')
    .send({ ...setupPayload(hub.setupTokenFromLog()), features: [] })
    .expect(201);
  return sessionFrom(res.headers['set-cookie']);
}

/** An appliance's signed-request headers, as it makes them: now, a fresh nonce (no applianceId: an enrollment). */
export function deviceHeaders(
  key: KeyObject,
  method: string,
  path: string,
  body: string,
  applianceId?: string,
): Record<string, string> {
  return signRequest(key, {
    method,
    path,
    body,
    timestamp: new Date().toISOString(),
    nonce: randomBytes(18).toString('base64url'),
    applianceId,
  });
}
