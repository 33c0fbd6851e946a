import { CATALOG } from '../catalog/catalog';
import { FEATURES, SERVICE_IDS, type Feature, type ServiceId } from '../catalog/catalog.types';
import { stepStage } from '../engine/engine.step-progress';
import { LABELS, MANAGED_BY, isOwnedBy, type ActualContainer, type Step } from '../engine/engine.types';
import type { JobProgress, JobStage, JobStageParams } from '../jobs/job-progress';
import { planPercent } from '../jobs/job-progress';
import { BACKUP_TAGS, type BackupPartKind } from './backup.types';
import type { ResticSnapshot } from './restic.types';

/**
 * Restoring a backup point, planned like every other change of the services (see engine.planner):
 * pure functions from facts (the point's restic snapshots, the engine's containers and volumes) to
 * steps, executed by RestoreRunner under the `engine` then `data` locks. Around these steps the runner
 * changes the desired state and reconciles: the features are first marked stopped (so a manager that
 * dies half way never starts a service on half its data), then running again once everything is back.
 */

/** One database dump of the point: `restic dump <snapshotId> <path>` streamed into pg_restore. */
export interface DatabasePart {
  service: ServiceId;
  database: string;
  snapshotId: string;
  /** The dump's file name in the snapshot (`<database>.pgdump`), what `restic dump` takes. */
  filename: string;
}

/** One volume of the point, restored into the same volume (restic empties it first). */
export interface VolumePart {
  service: ServiceId;
  volume: string;
  snapshotId: string;
}

export interface PointParts {
  databases: DatabasePart[];
  volumes: VolumePart[];
  /** The manager's own files (disaster recovery only). */
  appliance: string | undefined;
  /** Features that have at least one part in the point. */
  features: Feature[];
}

/** Steps beyond the engine's: restic into a volume, restic dump into pg_restore. */
export type RestoreStep =
  Step | { kind: 'restoreVolume'; part: VolumePart } | { kind: 'restoreDatabase'; part: DatabasePart };

export const DUMP_SUFFIX = '.pgdump';

function tagValue(snapshot: ResticSnapshot, name: keyof typeof BACKUP_TAGS): string | undefined {
  const prefix = `${BACKUP_TAGS[name]}=`;
  return snapshot.tags.find((t) => t.startsWith(prefix))?.slice(prefix.length);
}

const basename = (path: string) => path.replace(/\/+$/, '').split('/').pop() ?? '';

const featureOf = (service: ServiceId): Feature | undefined => {
  const role = CATALOG[service].role;
  return role === 'infrastructure' ? undefined : role;
};

/**
 * What a backup point holds, from its restic snapshots (tags `service=`, `kind=`; the dump's file name
 * and the volume's mount path carry the database and the volume). Parts of services this version does
 * not know are left out. When a part was stored twice (a retried run), the newest snapshot wins.
 */
export function pointParts(snapshots: readonly ResticSnapshot[]): PointParts {
  const databases = new Map<string, DatabasePart>();
  const volumes = new Map<string, VolumePart>();
  let appliance: { id: string; time: string } | undefined;
  const newestFirst = [...snapshots].sort((a, b) => b.time.localeCompare(a.time) || a.id.localeCompare(b.id));
  for (const snapshot of newestFirst) {
    const kind = tagValue(snapshot, 'kind') as BackupPartKind | undefined;
    const service = tagValue(snapshot, 'service') ?? '';
    const path = snapshot.paths[0] ?? '';
    if (kind === 'appliance') {
      appliance ??= { id: snapshot.id, time: snapshot.time };
      continue;
    }
    if (!(SERVICE_IDS as readonly string[]).includes(service)) continue;
    const id = service as ServiceId;
    if (kind === 'database' && path.endsWith(DUMP_SUFFIX)) {
      const filename = basename(path);
      const database = filename.slice(0, -DUMP_SUFFIX.length);
      const key = `${id}/${database}`;
      if (!databases.has(key)) databases.set(key, { service: id, database, snapshotId: snapshot.id, filename });
    } else if (kind === 'volume' && path) {
      const volume = basename(path);
      if (!volumes.has(volume)) volumes.set(volume, { service: id, volume, snapshotId: snapshot.id });
    }
  }
  const order = (a: { service: ServiceId }, b: { service: ServiceId }, x: string, y: string) =>
    SERVICE_IDS.indexOf(a.service) - SERVICE_IDS.indexOf(b.service) || x.localeCompare(y);
  const parts = [...databases.values(), ...volumes.values()];
  return {
    databases: [...databases.values()].sort((a, b) => order(a, b, a.database, b.database)),
    volumes: [...volumes.values()].sort((a, b) => order(a, b, a.volume, b.volume)),
    appliance: appliance?.id,
    features: FEATURES.filter((f) => parts.some((p) => featureOf(p.service) === f)),
  };
}

/** The services a restore of these features replaces the data of: each feature's own (not the shared ones). */
export function restoredServices(features: readonly Feature[]): ServiceId[] {
  return SERVICE_IDS.filter((id) => (features as readonly string[]).includes(CATALOG[id].role));
}

/** Only the parts of the chosen features' own services. */
export function partsFor(parts: PointParts, features: readonly Feature[]): Pick<PointParts, 'databases' | 'volumes'> {
  const services = new Set(restoredServices(features));
  return {
    databases: parts.databases.filter((p) => services.has(p.service)),
    volumes: parts.volumes.filter((p) => services.has(p.service)),
  };
}

export interface RestorePlanInput {
  applianceId: string;
  features: readonly Feature[];
  databases: readonly DatabasePart[];
  volumes: readonly VolumePart[];
  /** What the engine reports now (only this appliance's containers are looked at). */
  actual: readonly ActualContainer[];
  existingVolumes: ReadonlySet<string>;
}

export class RestorePlanError extends Error {
  constructor(readonly key: 'noDatabaseService') {
    super(key);
    this.name = 'RestorePlanError';
  }
}

/**
 * The data part of a restore. Pure. Order: the chosen features' own containers stopped and removed
 * (dependents first; a volume can only be removed once no container uses it), then each database
 * dropped, created again with its owner and loaded from its dump (Postgres started and healthy first),
 * then each volume restored (created first if it is gone; restic empties it before restoring into it).
 * The containers are removed, not only stopped, so the reconcile that starts them again creates them
 * afresh and writes this version's rendered configuration over the restored one.
 * Starting the services again is the reconcile that follows. A half-finished earlier restore (containers
 * already gone, a volume missing, Postgres stopped) plans only what is left.
 */
export function planRestore(input: RestorePlanInput): RestoreStep[] {
  const services = new Set(restoredServices(input.features));
  const ours = input.actual.filter((c) => isOwnedBy(c.labels, input.applianceId));
  const steps: RestoreStep[] = [];

  const leaving = ours
    .filter((c) => c.serviceId !== undefined && services.has(c.serviceId as ServiceId))
    .sort(
      (a, b) =>
        SERVICE_IDS.indexOf(b.serviceId as ServiceId) - SERVICE_IDS.indexOf(a.serviceId as ServiceId) ||
        a.id.localeCompare(b.id),
    );
  for (const container of leaving) {
    const ref = { serviceId: container.serviceId, target: container.id, name: container.name };
    const timeoutSec = CATALOG[container.serviceId as ServiceId].stopTimeoutSec;
    if (container.state === 'running' || container.state === 'restarting' || container.state === 'paused')
      steps.push({ kind: 'stop', ...ref, timeoutSec });
    steps.push({ kind: 'remove', ...ref });
  }

  const databases = input.databases.filter((p) => services.has(p.service));
  if (databases.length > 0) {
    const postgres = ours.find((c) => c.serviceId === 'postgres' && c.state !== 'removing' && c.state !== 'dead');
    if (!postgres) throw new RestorePlanError('noDatabaseService');
    if (postgres.state !== 'running' && postgres.state !== 'restarting')
      steps.push({ kind: 'start', serviceId: 'postgres', target: postgres.id });
    if (postgres.state !== 'running' || postgres.health !== 'healthy')
      steps.push({ kind: 'waitHealthy', serviceIds: ['postgres'] });
    const owners = [...new Set(databases.map((p) => p.service))];
    steps.push({ kind: 'dropDatabases', serviceIds: owners });
    steps.push({ kind: 'ensureDatabases', serviceIds: owners });
    for (const part of databases) steps.push({ kind: 'restoreDatabase', part });
  }

  for (const part of input.volumes.filter((p) => services.has(p.service))) {
    if (!input.existingVolumes.has(part.volume)) {
      const labels = {
        [LABELS.managedBy]: MANAGED_BY,
        [LABELS.applianceId]: input.applianceId,
        [LABELS.service]: part.service,
      };
      steps.push({ kind: 'createVolume', name: part.volume, labels });
    }
    steps.push({ kind: 'restoreVolume', part });
  }
  return steps;
}

/** The stage a person sees for a restore step: what is being restored, rather than the engine's words. */
export function restoreStepStage(step: RestoreStep): { stage: JobStage; params: JobStageParams } {
  if (step.kind === 'restoreDatabase')
    return { stage: 'restoreDatabase', params: { service: step.part.service, database: step.part.database } };
  if (step.kind === 'restoreVolume')
    return { stage: 'restoreVolume', params: { service: step.part.service, volume: step.part.volume } };
  if (step.kind === 'stop' || step.kind === 'remove')
    return { stage: 'restoreStop', params: { service: step.serviceId ?? step.name } };
  if (step.kind === 'createVolume')
    return { stage: 'restoreVolume', params: { service: step.labels[LABELS.service] ?? '', volume: step.name } };
  if (step.kind === 'dropDatabases' || step.kind === 'ensureDatabases')
    return { stage: 'restoreDatabase', params: { service: step.serviceIds.join(',') } };
  return stepStage(step);
}

/** Where the three phases of a restore land in the job's percentage. */
export const RESTORE_RANGES = {
  /** Desired state "stopped", reconciled: the features' services stop, the shared ones are in place. */
  prepare: { from: 0, to: 15 },
  data: { from: 15, to: 85 },
  /** Desired state "running", reconciled, health checked. */
  start: { from: 85, to: 100 },
} as const;

export function restoreProgress(step: RestoreStep, index: number, total: number, within = 0): JobProgress {
  const { from, to } = RESTORE_RANGES.data;
  return { ...restoreStepStage(step), percent: planPercent(index, total, within, from, to) };
}

/** The reconcile that brings the services back: everything but downloads and health waits reads "restoreStart". */
export function startProgress(progress: JobProgress): JobProgress {
  if (progress.stage === 'health' || progress.stage === 'download') return progress;
  const service = progress.params.service;
  return { ...progress, stage: 'restoreStart', params: service === undefined ? {} : { service } };
}
