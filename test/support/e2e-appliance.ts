import assert from 'node:assert/strict';
import type { ServerProcess } from './server-process';
import { sessionFrom, setupPayload } from './setup-payload';

/**
 * Sets the appliance up through the API with no feature enabled (the browser does the rest), and reads
 * its applianceId, which the test needs to clean its containers up afterwards.
 */
export async function setUpWithoutFeatures(server: ServerProcess): Promise<{ cookie: string; applianceId: string }> {
  const setup = await fetch(`${server.url}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...setupPayload(server.setupTokenFromLog()), features: [] }),
  });
  assert.equal(setup.status, 201, await setup.text());
  const { cookie } = sessionFrom(setup.headers.getSetCookie());
  const settings = (await (await fetch(`${server.url}/api/settings`, { headers: { cookie } })).json()) as {
    applianceId?: unknown;
  };
  if (typeof settings.applianceId !== 'string' || settings.applianceId === '') {
    throw new Error(`GET /api/settings gave no applianceId, needed to clean up: ${JSON.stringify(settings)}`);
  }
  return { cookie, applianceId: settings.applianceId };
}
