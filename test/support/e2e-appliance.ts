import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { artifactsDir, closeBrowser } from './browser';
import type { ServerProcess } from './server-process';
import { sessionFrom, setupPayload } from './setup-payload';
import { cleanupAppliance } from './test-images';

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

/**
 * After a journey on a real appliance: a failed one keeps its screenshot and the manager's log; then the
 * browser closes, the manager goes (with its redis-server and data directory), and so do its containers.
 */
export async function endApplianceJourney(
  name: string,
  finished: boolean,
  parts: { browser?: Browser; page?: Page; server?: ServerProcess; applianceId?: string },
): Promise<void> {
  try {
    await closeBrowser(parts.browser, parts.page, finished, `${name}-failure`);
  } finally {
    if (parts.server && !finished) writeFileSync(join(artifactsDir(), `${name}-server.log`), parts.server.log);
    await parts.server?.dispose();
    // Only what this appliance created: containers, volumes and networks labelled with its id.
    if (parts.applianceId) await cleanupAppliance(parts.applianceId);
  }
}
