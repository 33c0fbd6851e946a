import { applianceEnv, applianceIdOf, completeSetup, type Session, startAppliance, waitFeature } from './appliance';
import type { ServerProcess } from './server-process';
import { cleanupAppliance, requireEngineAndImages } from './test-images';

/** An appliance started on the real engine and set up (admin, domain, features), as most integration tests begin. */
export interface SetUpAppliance {
  env: Record<string, string>;
  server: ServerProcess;
  session: Session;
  applianceId: string;
}

export interface SetUpOptions {
  /** Added to (or replacing) the test env of `applianceEnv`. */
  env?: Record<string, string>;
  /** Also waits until every chosen feature runs and is healthy. */
  healthy?: boolean;
}

/**
 * Starts an appliance under `label` and completes the setup with `features`. Fails (never skips) when
 * the engine or the test images are missing; a start that fails half-way leaves nothing running.
 */
export async function setUpAppliance(
  label: string,
  features: string[],
  options: SetUpOptions = {},
): Promise<SetUpAppliance> {
  await requireEngineAndImages();
  const env = await applianceEnv(options.env);
  const server = await startAppliance(label, env);
  let applianceId: string | undefined;
  try {
    const session = await completeSetup(server, features);
    applianceId = await applianceIdOf(server, session);
    if (options.healthy) {
      for (const id of features) {
        await waitFeature(server, session, id, (s) => s.state === 'running' && s.health === 'healthy');
      }
    }
    return { env, server, session, applianceId };
  } catch (error) {
    await disposeAppliance(server, applianceId);
    throw error;
  }
}

/** Stops the server, then removes whatever the appliance ran on the engine (either may be missing). */
export async function disposeAppliance(server: ServerProcess | undefined, applianceId: string | undefined) {
  await server?.dispose();
  if (applianceId) await cleanupAppliance(applianceId);
}
