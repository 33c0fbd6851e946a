import type { EngineRepository } from '../engine/engine.repository';
import type { ContainerDetails } from '../engine/engine.types';
import type { SelfUpdateFiles } from './self-update.files';
import { replicaOf } from './self-update.replica';
import {
  VERSION_LABEL,
  previousName,
  type HelperArgs,
  type SelfUpdateResult,
  type SelfUpdateState,
} from './self-update.types';

export type HelperEngine = Pick<
  EngineRepository,
  'inspectContainer' | 'inspectImage' | 'createFromSpec' | 'start' | 'stop' | 'rename' | 'remove'
>;

export interface HelperDeps {
  engine: HelperEngine;
  files: Pick<SelfUpdateFiles, 'startLog' | 'log' | 'writeResult' | 'backupDatabase' | 'restoreDatabase'>;
  print: (line: string) => void;
  sleep: (ms: number) => Promise<void>;
  now: () => Date;
}

/** The manager's shutdown closes its queue, database and redis-server; more than Docker's default 10 s. */
const STOP_TIMEOUT_SEC = 30;
const POLL_MS = 1000;
/** A manager restarted this often by its restart policy is crash-looping, whatever its health says. */
const MAX_RESTARTS = 3;

class Outcome extends Error {
  constructor(
    readonly state: SelfUpdateState,
    reason: string,
  ) {
    super(reason);
  }
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * `appliance self-update-helper`: replaces the manager container with one on the target image, in a
 * short-lived container of its own (a container cannot replace itself). Steps:
 *
 *   1. read the old manager's container and image, check the target still is the image the manager
 *      chose, and that no `<name>-previous` is in the way — nothing is touched until here;
 *   2. stop the old manager, copy its database, rename it `<name>-previous`;
 *   3. create the new one with the same name and settings on the target, start it, wait for Docker's
 *      health status `healthy` (at most `timeoutSec`; `unhealthy`, a crash loop or no health check at
 *      all end the wait early);
 *   4. healthy: remove the old one. Otherwise remove the new one, put the database copy back, rename the
 *      old one back, start it and wait for it to be healthy again.
 *
 * Whatever happens, DATA_DIR/self-update/result.json says so before the helper exits: the job that
 * started it died with the old manager, and the manager running afterwards reports from this file.
 */
export async function runHelper(args: HelperArgs, deps: HelperDeps): Promise<SelfUpdateResult> {
  deps.files.startLog();
  const log = (line: string) => {
    deps.print(line);
    deps.files.log(line);
  };
  const at = () => deps.now().toISOString();
  const versions: Versions = { from: '', fromVersion: null, toVersion: null };
  const finish = (state: SelfUpdateState, reason: string | null): SelfUpdateResult => {
    const result = { state, reason, ...versions, to: args.target, at: at(), jobId: args.jobId };
    log(reason ? `${state}: ${reason}` : `${state}: the manager now runs ${args.target}`);
    deps.files.writeResult(result);
    return result;
  };
  try {
    const old = await deps.engine.inspectContainer(args.container);
    if (!old) throw new Outcome('failed', `the manager container ${args.container} no longer exists`);
    versions.from = old.imageRef;
    await replace(old, args, deps, log, versions);
    return finish('succeeded', null);
  } catch (err) {
    return finish(err instanceof Outcome ? err.state : 'failed', message(err));
  }
}

type Versions = Pick<SelfUpdateResult, 'from' | 'fromVersion' | 'toVersion'>;
const versionOf = (labels: Record<string, string>): string | null => labels[VERSION_LABEL] || null;

async function replace(
  old: ContainerDetails,
  args: HelperArgs,
  deps: HelperDeps,
  log: (line: string) => void,
  versions: Versions,
): Promise<void> {
  const { engine } = deps;
  const oldImage = await engine.inspectImage(old.imageId);
  if (!oldImage) throw new Outcome('failed', `the running image ${old.imageId} cannot be inspected`);
  versions.fromVersion = versionOf(oldImage.config.Labels);
  const target = await engine.inspectImage(args.target);
  if (!target) throw new Outcome('failed', `the image ${args.target} is not on this machine any more`);
  versions.toVersion = versionOf(target.config.Labels);
  if (target.id !== args.targetId) {
    throw new Outcome('failed', `${args.target} changed while the update was starting; check again and retry`);
  }
  const previous = previousName(old.name);
  if (await engine.inspectContainer(previous)) {
    throw new Outcome(
      'failed',
      `a container named ${previous} already exists (left by an interrupted update?); check it, then remove or rename it`,
    );
  }
  const replica = replicaOf(old, oldImage, args.target);

  log(`stopping ${old.name} (${old.imageRef})`);
  await engine.stop(old.id, STOP_TIMEOUT_SEC);
  const undo: Undo = {
    old,
    name: old.name,
    // The old reference may now name the target (a moved channel tag): say which version comes back.
    label: versions.fromVersion ? `version ${versions.fromVersion}` : `image ${old.imageId.slice(7, 19)}`,
    renamed: false,
    backedUp: false,
    newId: undefined,
  };
  try {
    await deps.files.backupDatabase();
    undo.backedUp = true;
    await engine.rename(old.id, previous);
    undo.renamed = true;
    log(`creating ${old.name} on ${args.target}`);
    undo.newId = await engine.createFromSpec(replica.spec, replica.connect);
    await engine.start(undo.newId);
  } catch (err) {
    await rollBack(undo, `the new manager could not be started: ${message(err)}`, args, deps, log);
  }
  log(`waiting up to ${args.timeoutSec} s for the new manager to be healthy`);
  const unhealthy = await waitHealthy(undo.newId!, args.timeoutSec, deps, 'the new manager');
  if (unhealthy) await rollBack(undo, unhealthy, args, deps, log);
  try {
    await engine.remove(old.id);
  } catch (err) {
    log(`the new manager is healthy, but the previous container could not be removed: ${message(err)}`);
  }
}

interface Undo {
  old: ContainerDetails;
  name: string;
  label: string;
  renamed: boolean;
  backedUp: boolean;
  newId: string | undefined;
}

/** Puts the old manager back; always throws the outcome (rolled back, or failed if that failed too). */
async function rollBack(
  undo: Undo,
  reason: string,
  args: HelperArgs,
  deps: HelperDeps,
  log: (line: string) => void,
): Promise<never> {
  const { engine } = deps;
  log(`rolling back: ${reason}`);
  try {
    if (undo.newId) {
      await engine.stop(undo.newId, STOP_TIMEOUT_SEC).catch(() => undefined);
      await engine.remove(undo.newId);
    }
    if (undo.backedUp) await deps.files.restoreDatabase();
    if (undo.renamed) await engine.rename(undo.old.id, undo.name);
    await engine.start(undo.old.id);
  } catch (err) {
    throw new Outcome('failed', `${reason}; putting the previous manager back failed too: ${message(err)}`);
  }
  const stillBad = await waitHealthy(undo.old.id, args.timeoutSec, deps, 'the previous manager');
  if (stillBad) throw new Outcome('failed', `${reason}; the previous manager is back but ${stillBad}`);
  // The reason is the cause only; the result's state and versions already say what runs now.
  log(`the previous manager (${undo.label}) is running again`);
  throw new Outcome('rolled-back', reason);
}

/** Undefined once healthy; otherwise why not, in words for the dashboard. */
async function waitHealthy(id: string, timeoutSec: number, deps: HelperDeps, who: string): Promise<string | undefined> {
  const deadline = deps.now().getTime() + timeoutSec * 1000;
  let last: ContainerDetails | undefined;
  for (;;) {
    last = await deps.engine.inspectContainer(id);
    if (!last) return `${who} container disappeared`;
    const probe = last.lastHealthOutput ? `; last probe: ${last.lastHealthOutput}` : '';
    if (last.health === 'healthy') return undefined;
    if (last.health === 'unhealthy') return `${who} did not become healthy: Docker reports it unhealthy${probe}`;
    if (last.health === 'none') return `${who} has no health check, so it cannot be shown to be healthy`;
    const policy = last.hostConfig.RestartPolicy?.Name ?? 'no';
    const down = last.state === 'exited' || last.state === 'dead';
    if ((down && (policy === 'no' || policy === '')) || last.restartCount >= MAX_RESTARTS) {
      return `${who} did not become healthy: it exited (code ${last.exitCode}, ${last.restartCount} restarts)`;
    }
    if (deps.now().getTime() >= deadline) {
      return `${who} did not become healthy within ${timeoutSec} s (health: ${last.health}${probe})`;
    }
    await deps.sleep(POLL_MS);
  }
}
