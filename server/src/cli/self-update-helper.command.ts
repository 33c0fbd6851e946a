import type { AppConfig } from '../config/app-config';
import { EngineRepository, dockerClient } from '../engine/engine.repository';
import { Clock } from '../platform/clock';
import { DataDirRepository } from '../platform/data-dir.repository';
import { SelfUpdateFiles } from '../self-update/self-update.files';
import { runHelper } from '../self-update/self-update.helper';
import { HelperUsageError, parseHelperArgv } from '../self-update/self-update.types';
import type { Print } from './cli.commands';

/**
 * `appliance self-update-helper --container ID --target REF --target-id ID --timeout SEC --job ID`:
 * run by the manager in a short-lived container of its current image (see self-update.helper.ts); not
 * for people. Exit 0 when the new manager is healthy, 1 otherwise (the result file says why).
 */
export async function selfUpdateHelper(config: AppConfig, print: Print, argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseHelperArgv(argv);
  } catch (err) {
    if (!(err instanceof HelperUsageError)) throw err;
    print(`self-update-helper: ${err.message}. It is started by the manager's update; see the dashboard.`);
    return 64;
  }
  const clock = new Clock();
  const result = await runHelper(args, {
    engine: new EngineRepository(dockerClient(config.docker)),
    files: new SelfUpdateFiles(new DataDirRepository(config.dataDir), clock),
    print: (line) => print(`[self-update] ${line}`),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: () => clock.now(),
  });
  return result.state === 'succeeded' ? 0 : 1;
}
