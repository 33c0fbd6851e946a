import { SERVICE_IDS, type ServiceId } from '../catalog/catalog.types';
import {
  LABELS,
  MANAGED_BY,
  isOwnedBy,
  type ActualContainer,
  type DesiredContainer,
  type Labels,
  type RecreateReason,
  type Step,
} from './engine.types';

export interface PlanContext {
  applianceId: string;
  /** When known, networks and volumes already present are not planned again. */
  existingNetworks?: ReadonlySet<string>;
  existingVolumes?: ReadonlySet<string>;
  /** The service label of each existing volume of this appliance: how a deleted service's volumes are found. */
  volumeOwners?: ReadonlyMap<string, string | undefined>;
  /** Desired services that own a database in the shared Postgres. */
  databases?: readonly ServiceId[];
  /** Those databases are known to exist in the Postgres container that runs now. */
  databasesReady?: boolean;
  /** Services no longer desired whose data the admins asked to delete (persisted until done). */
  deletions?: readonly { serviceId: ServiceId; database: boolean }[];
  /** Services whose running container is to be stopped and started once (persisted requests). */
  restarts?: readonly ServiceId[];
  /** Services to wait for, healthy, at the end of the plan (an operation's own services). */
  awaitHealthy?: readonly ServiceId[];
  /** Verify the proxy's live configuration when the proxy runs (every reconcile does). */
  verifyProxy?: boolean;
  /** The chat admin account is still to be registered. */
  matrixAdmin?: boolean;
}

type Action =
  | { kind: 'none' }
  | { kind: 'create' }
  | { kind: 'start'; target: string }
  | { kind: 'stop'; actual: ActualContainer }
  | { kind: 'recreate'; actual: ActualContainer; reason: RecreateReason };

function catalogIndex(serviceId: string | undefined): number {
  const index = (SERVICE_IDS as readonly string[]).indexOf(serviceId ?? '');
  return index === -1 ? Number.MAX_SAFE_INTEGER : index;
}

/** Dependencies first; ties in catalog order. Throws on a cycle, which would be a catalog bug. */
export function orderByDependencies(desired: readonly DesiredContainer[]): DesiredContainer[] {
  const byId = new Map(desired.map((d) => [d.serviceId, d]));
  const sorted = [...desired].sort((a, b) => catalogIndex(a.serviceId) - catalogIndex(b.serviceId));
  const result: DesiredContainer[] = [];
  const state = new Map<ServiceId, 'visiting' | 'done'>();
  const visit = (container: DesiredContainer): void => {
    const mark = state.get(container.serviceId);
    if (mark === 'done') return;
    if (mark === 'visiting') throw new Error(`dependency cycle through ${container.serviceId}`);
    state.set(container.serviceId, 'visiting');
    for (const dep of container.dependsOn) {
      const dependency = byId.get(dep);
      if (dependency) visit(dependency);
    }
    state.set(container.serviceId, 'done');
    result.push(container);
  };
  sorted.forEach(visit);
  return result;
}

/** Among containers of one service, the one to keep: matching hash and name, then hash, then name, then running. */
function pickKeeper(containers: readonly ActualContainer[], want: DesiredContainer): ActualContainer {
  const score = (c: ActualContainer): number =>
    (c.configHash === want.configHash ? 4 : 0) + (c.name === want.name ? 2 : 0) + (c.state === 'running' ? 1 : 0);
  return [...containers].sort((a, b) => score(b) - score(a) || a.id.localeCompare(b.id))[0];
}

function recreateReason(actual: ActualContainer, want: DesiredContainer): RecreateReason | undefined {
  if (actual.state === 'dead') return 'dead';
  if (actual.image !== want.image) return 'image';
  if (actual.configHash !== want.configHash) return 'config';
  if (actual.name !== want.name) return 'name';
  return undefined;
}

function decide(want: DesiredContainer, actual: ActualContainer | undefined): Action {
  if (!actual) return { kind: 'create' };
  // Being removed by the engine: creating now would clash on the name; the next reconcile will.
  if (actual.state === 'removing') return { kind: 'none' };
  const reason = recreateReason(actual, want);
  if (reason) return { kind: 'recreate', actual, reason };
  const wantRunning = want.desiredState === 'running';
  switch (actual.state) {
    case 'running':
    case 'restarting':
    case 'paused':
      return wantRunning ? { kind: 'none' } : { kind: 'stop', actual };
    case 'created':
    case 'exited':
      return wantRunning ? { kind: 'start', target: actual.id } : { kind: 'none' };
    case 'dead':
      return { kind: 'recreate', actual, reason: 'dead' };
    default: {
      const unknown: never = actual.state;
      throw new Error(`unknown container state ${String(unknown)}`);
    }
  }
}

function stopAndRemove(actual: ActualContainer, timeoutSec: number): Step[] {
  const ref = { serviceId: actual.serviceId, target: actual.id, name: actual.name };
  const steps: Step[] = [];
  if (actual.state === 'running' || actual.state === 'restarting' || actual.state === 'paused') {
    steps.push({ kind: 'stop', ...ref, timeoutSec });
  }
  steps.push({ kind: 'remove', ...ref });
  return steps;
}

function ownedLabels(applianceId: string, serviceId: ServiceId): Labels {
  return { [LABELS.managedBy]: MANAGED_BY, [LABELS.applianceId]: applianceId, [LABELS.service]: serviceId };
}

function actionSteps(
  want: DesiredContainer,
  action: Action,
  actual: ActualContainer | undefined,
  context: PlanContext,
): Step[] {
  switch (action.kind) {
    case 'none':
      if (actual?.state === 'running' && context.restarts?.includes(want.serviceId))
        return [{ kind: 'restart', serviceId: want.serviceId, target: actual.id, timeoutSec: want.stopTimeoutSec }];
      return [];
    case 'create':
      return want.desiredState === 'running'
        ? [
            { kind: 'create', container: want },
            { kind: 'start', serviceId: want.serviceId, target: want.name },
          ]
        : [{ kind: 'create', container: want }];
    case 'start':
      return [{ kind: 'start', serviceId: want.serviceId, target: action.target }];
    case 'stop': {
      const { id: target, name } = action.actual;
      return [{ kind: 'stop', serviceId: want.serviceId, target, name, timeoutSec: want.stopTimeoutSec }];
    }
    case 'recreate':
      return [{ kind: 'recreate', target: action.actual.id, reason: action.reason, container: want }];
    default: {
      const unknown: never = action;
      throw new Error(`unknown action ${JSON.stringify(unknown)}`);
    }
  }
}

/** Right after Postgres: its databases, when it was (re)started or they are not known to exist. */
function ensureDatabases(
  postgres: DesiredContainer,
  action: Action,
  actual: ActualContainer | undefined,
  context: PlanContext,
): Step[] {
  const services = context.databases ?? [];
  if (postgres.desiredState !== 'running' || services.length === 0) return [];
  const touched = action.kind !== 'none';
  if (!touched && context.databasesReady) return [];
  const wait: Step[] =
    touched || actual?.health !== 'healthy' ? [{ kind: 'waitHealthy', serviceIds: ['postgres'] }] : [];
  return [...wait, { kind: 'ensureDatabases', serviceIds: [...services] }];
}

/**
 * A deleted service's databases, in the Postgres that exists now (started for the purpose if it was
 * stopped). With no Postgres container left there is nothing that could run the SQL.
 */
function dropDatabases(postgres: ActualContainer | undefined, services: readonly ServiceId[]): Step[] {
  if (!postgres || postgres.state === 'dead' || postgres.state === 'removing') return [];
  const steps: Step[] = [];
  const running = postgres.state === 'running';
  if (!running && postgres.state !== 'restarting')
    steps.push({ kind: 'start', serviceId: 'postgres', target: postgres.id });
  if (!running || postgres.health !== 'healthy') steps.push({ kind: 'waitHealthy', serviceIds: ['postgres'] });
  steps.push({ kind: 'dropDatabases', serviceIds: [...services] });
  return steps;
}

/** After every container is in place: the proxy's routes, the operation's health wait, the chat admin. */
function afterwards(wanted: ReadonlyMap<string, DesiredContainer>, context: PlanContext): Step[] {
  const running = (id: ServiceId) => wanted.get(id)?.desiredState === 'running';
  const steps: Step[] = [];
  if (context.verifyProxy && running('proxy')) steps.push({ kind: 'loadProxy' });
  const awaited = (context.awaitHealthy ?? []).filter(running);
  if (awaited.length > 0) steps.push({ kind: 'waitHealthy', serviceIds: awaited });
  if (context.matrixAdmin && running('synapse')) {
    if (!awaited.includes('synapse')) steps.push({ kind: 'waitHealthy', serviceIds: ['synapse'] });
    steps.push({ kind: 'ensureMatrixAdmin' });
  }
  return steps;
}

/**
 * Steps that take the engine from `actual` to `desired`. Pure. Only containers labelled as managed by
 * this appliance are looked at. Order: every pull first (a failed pull stops the plan before anything
 * is touched), networks and volumes, a deleted service's databases (while Postgres runs), removal of
 * what is no longer wanted (dependents first), then the deleted services' volumes, then each desired
 * service in dependency order (Postgres followed by its databases), then the work that needs running
 * services (proxy routes, health, chat admin). Only a deletion in `context` removes a volume.
 */
export function planSteps(
  desired: readonly DesiredContainer[],
  actual: readonly ActualContainer[],
  availableImages: ReadonlySet<string>,
  context: PlanContext,
): Step[] {
  const wanted = new Map<string, DesiredContainer>();
  for (const container of desired) {
    if (wanted.has(container.serviceId)) throw new Error(`service ${container.serviceId} is desired twice`);
    wanted.set(container.serviceId, container);
  }
  const ours = actual.filter((c) => isOwnedBy(c.labels, context.applianceId));
  const groups = new Map<string | undefined, ActualContainer[]>();
  for (const container of ours)
    groups.set(container.serviceId, [...(groups.get(container.serviceId) ?? []), container]);

  const kept = new Map<string, ActualContainer>();
  const unwanted: ActualContainer[] = [];
  for (const [serviceId, containers] of groups) {
    const want = serviceId === undefined ? undefined : wanted.get(serviceId);
    if (!want) {
      unwanted.push(...containers);
      continue;
    }
    const keeper = pickKeeper(containers, want);
    kept.set(want.serviceId, keeper);
    unwanted.push(...containers.filter((c) => c !== keeper));
  }

  const ordered = orderByDependencies(desired);
  const actions = ordered.map((want) => ({ want, action: decide(want, kept.get(want.serviceId)) }));
  const building = actions.filter(({ action }) => action.kind === 'create' || action.kind === 'recreate');

  const steps: Step[] = [];
  const pulled = new Set<string>();
  for (const { want } of building) {
    if (availableImages.has(want.image) || pulled.has(want.image)) continue;
    pulled.add(want.image);
    steps.push({ kind: 'pull', image: want.image });
  }
  const networks = new Set<string>();
  const volumes = new Set<string>();
  for (const { want } of building) {
    for (const network of want.networks) {
      if (networks.has(network.name) || context.existingNetworks?.has(network.name)) continue;
      networks.add(network.name);
      const labels = { [LABELS.managedBy]: MANAGED_BY, [LABELS.applianceId]: context.applianceId };
      steps.push({ kind: 'createNetwork', name: network.name, internal: network.internal, labels });
    }
  }
  for (const { want } of building) {
    for (const volume of want.volumes) {
      if (volumes.has(volume.name) || context.existingVolumes?.has(volume.name)) continue;
      volumes.add(volume.name);
      steps.push({ kind: 'createVolume', name: volume.name, labels: ownedLabels(context.applianceId, want.serviceId) });
    }
  }

  // A deleted service's databases go first, while Postgres still runs: the plan may remove Postgres.
  const deletions = (context.deletions ?? []).filter((d) => !wanted.has(d.serviceId));
  const dropping = deletions.filter((d) => d.database).map((d) => d.serviceId);
  const postgres = kept.get('postgres') ?? unwanted.find((c) => c.serviceId === 'postgres');
  if (dropping.length > 0) steps.push(...dropDatabases(postgres, dropping));

  // Dependents before what they depend on; unknown services (from another version) first of all.
  unwanted.sort((a, b) => catalogIndex(b.serviceId) - catalogIndex(a.serviceId) || a.id.localeCompare(b.id));
  for (const container of unwanted) {
    const timeoutSec = container.serviceId ? (wanted.get(container.serviceId)?.stopTimeoutSec ?? 30) : 30;
    steps.push(...stopAndRemove(container, timeoutSec));
  }
  // Volumes only once every container that used them is removed (above).
  const owners = [...(context.volumeOwners ?? new Map<string, string | undefined>())].sort(([a], [b]) =>
    a.localeCompare(b),
  );
  for (const { serviceId } of deletions) {
    for (const [name, owner] of owners) if (owner === serviceId) steps.push({ kind: 'removeVolume', name, serviceId });
  }

  for (const { want, action } of actions) {
    steps.push(...actionSteps(want, action, kept.get(want.serviceId), context));
    if (want.serviceId === 'postgres') steps.push(...ensureDatabases(want, action, kept.get('postgres'), context));
  }
  steps.push(...afterwards(wanted, context));
  return steps;
}
