import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actualFrom, desired } from '../engine/engine.planner.fixtures.spec';
import { LABELS, type ActualContainer } from '../engine/engine.types';
import { partSnapshot } from './restic.fixtures.spec';
import type { ResticSnapshot } from './restic.types';
import {
  partsFor,
  planRestore,
  pointParts,
  RestorePlanError,
  restoreStepStage,
  startProgress,
  type RestoreStep,
} from './restore.plan';

const RUN = 'run-1';
const snap = (id: string, service: string, kind: string, path: string, time?: string) =>
  partSnapshot(RUN, id, service, kind, path, time);

/** A point holding everything: chat (database, volume), pad (database, uploads), files, and the manager. */
const POINT: ResticSnapshot[] = [
  snap('s-syn-db', 'synapse', 'database', '/synapse.pgdump'),
  snap('s-syn-vol', 'synapse', 'volume', '/volumes/tl-tl1-synapse-data'),
  snap('s-hd-db', 'hedgedoc', 'database', '/hedgedoc.pgdump'),
  snap('s-hd-vol', 'hedgedoc', 'volume', '/volumes/tl-tl1-hedgedoc-uploads'),
  snap('s-nc-db', 'nextcloud', 'database', '/nextcloud.pgdump'),
  snap('s-nc-vol', 'nextcloud', 'volume', '/volumes/tl-tl1-nextcloud-data'),
  snap('s-app', 'appliance', 'appliance', '/data/backups/staging'),
];

const summary = (steps: RestoreStep[]) =>
  steps.map((s) => {
    if (s.kind === 'restoreDatabase' || s.kind === 'restoreVolume') {
      const name = s.kind === 'restoreDatabase' ? s.part.database : s.part.volume;
      return `${s.kind} ${name} from ${s.part.snapshotId}`;
    }
    if ('name' in s) return `${s.kind} ${s.name}`;
    if (s.kind === 'start') return `start ${s.serviceId}`;
    if ('serviceIds' in s) return `${s.kind} ${s.serviceIds.join(',')}`;
    return s.kind;
  });

function running(features: Array<'chat' | 'pad' | 'files'>): ActualContainer[] {
  return desired(features).map((d) => actualFrom(d));
}

const allVolumes = (features: Array<'chat' | 'pad' | 'files'>) =>
  new Set(desired(features).flatMap((d) => d.volumes.map((v) => v.name)));

function plan(features: Array<'chat' | 'pad' | 'files'>, actual: ActualContainer[], volumes: ReadonlySet<string>) {
  const parts = partsFor(pointParts(POINT), features);
  return summary(planRestore({ applianceId: 'tl1', features, ...parts, actual, existingVolumes: volumes }));
}

describe('pointParts: what a backup point holds', () => {
  it('reads databases from the dump names, volumes from their mount paths, and the features they belong to', () => {
    const parts = pointParts(POINT);
    assert.deepEqual(
      parts.databases.map((p) => [p.service, p.database, p.snapshotId, p.filename]),
      [
        ['synapse', 'synapse', 's-syn-db', 'synapse.pgdump'],
        ['hedgedoc', 'hedgedoc', 's-hd-db', 'hedgedoc.pgdump'],
        ['nextcloud', 'nextcloud', 's-nc-db', 'nextcloud.pgdump'],
      ],
    );
    assert.deepEqual(
      parts.volumes.map((p) => p.volume),
      ['tl-tl1-synapse-data', 'tl-tl1-hedgedoc-uploads', 'tl-tl1-nextcloud-data'],
    );
    assert.equal(parts.appliance, 's-app');
    assert.deepEqual(parts.features, ['chat', 'pad', 'files']);
  });

  it('keeps the newest snapshot of a part stored twice, and leaves out services this version does not know', () => {
    const parts = pointParts([
      snap('old', 'synapse', 'database', '/synapse.pgdump', '2026-11-30T03:00:00Z'),
      snap('new', 'synapse', 'database', '/synapse.pgdump', '2026-11-30T03:05:00Z'),
      snap('x', 'mastodon', 'volume', '/volumes/tl-tl1-mastodon-data'),
    ]);
    assert.deepEqual(
      parts.databases.map((p) => p.snapshotId),
      ['new'],
    );
    assert.deepEqual(parts.volumes, []);
    assert.deepEqual(parts.features, ['chat']);
  });
});

describe('planRestore: which steps, in which order', () => {
  it('chat only: its own services stopped and removed (dependents first), its database reloaded, its volume restored; pad and the shared services untouched', () => {
    const steps = plan(['chat'], running(['chat', 'pad']), allVolumes(['chat', 'pad']));
    assert.deepEqual(steps, [
      'stop tl-tl1-element',
      'remove tl-tl1-element',
      'stop tl-tl1-synapse',
      'remove tl-tl1-synapse',
      'dropDatabases synapse',
      'ensureDatabases synapse',
      'restoreDatabase synapse from s-syn-db',
      'restoreVolume tl-tl1-synapse-data from s-syn-vol',
    ]);
  });

  it('everything: every feature service stopped before any data is touched, then every database, then every volume', () => {
    const steps = plan(
      ['chat', 'pad', 'files'],
      running(['chat', 'pad', 'files']),
      allVolumes(['chat', 'pad', 'files']),
    );
    const firstData = steps.findIndex((s) => s.startsWith('dropDatabases'));
    const stops = steps.slice(0, firstData);
    assert.ok(stops.every((s) => /^(stop|remove) /.test(s)));
    assert.deepEqual(stops.filter((s) => s.startsWith('remove')).length, 4);
    assert.ok(!steps.some((s) => /postgres|proxy/.test(s)), 'the shared services stay as they are');
    assert.deepEqual(steps.slice(firstData, firstData + 5), [
      'dropDatabases synapse,hedgedoc,nextcloud',
      'ensureDatabases synapse,hedgedoc,nextcloud',
      'restoreDatabase synapse from s-syn-db',
      'restoreDatabase hedgedoc from s-hd-db',
      'restoreDatabase nextcloud from s-nc-db',
    ]);
    assert.deepEqual(
      steps.filter((s) => s.startsWith('restoreVolume')),
      [
        'restoreVolume tl-tl1-synapse-data from s-syn-vol',
        'restoreVolume tl-tl1-hedgedoc-uploads from s-hd-vol',
        'restoreVolume tl-tl1-nextcloud-data from s-nc-vol',
      ],
    );
    assert.ok(!steps.some((s) => s.startsWith('createVolume')), 'existing volumes are restored in place');
  });

  it('a half-finished earlier restore: containers already gone, the volume removed, Postgres stopped: only what is left', () => {
    const actual = running(['chat'])
      .filter((c) => c.serviceId === 'postgres' || c.serviceId === 'proxy')
      .map((c) => (c.serviceId === 'postgres' ? { ...c, state: 'exited' as const, health: 'none' as const } : c));
    const volumes = new Set([...allVolumes(['chat'])].filter((v) => v !== 'tl-tl1-synapse-data'));
    assert.deepEqual(plan(['chat'], actual, volumes), [
      'start postgres',
      'waitHealthy postgres',
      'dropDatabases synapse',
      'ensureDatabases synapse',
      'restoreDatabase synapse from s-syn-db',
      'createVolume tl-tl1-synapse-data',
      'restoreVolume tl-tl1-synapse-data from s-syn-vol',
    ]);
  });

  it('stopped containers are removed without a stop; a missing volume is created with this appliance labels', () => {
    const actual = running(['chat']).map((c) => (c.serviceId === 'synapse' ? { ...c, state: 'exited' as const } : c));
    const parts = partsFor(pointParts(POINT), ['chat']);
    const steps = planRestore({ applianceId: 'tl1', features: ['chat'], ...parts, actual, existingVolumes: new Set() });
    assert.ok(!summary(steps).includes('stop tl-tl1-synapse'));
    const create = steps.find((s) => s.kind === 'createVolume');
    assert.deepEqual(create?.kind === 'createVolume' && create.labels, {
      [LABELS.managedBy]: 'tiers-lieux-appliance',
      [LABELS.applianceId]: 'tl1',
      [LABELS.service]: 'synapse',
    });
  });

  it('ignores containers of another appliance, and refuses a database restore with no Postgres at all', () => {
    const foreign = running(['chat']).map((c) => ({ ...c, labels: { ...c.labels, [LABELS.applianceId]: 'other' } }));
    const parts = partsFor(pointParts(POINT), ['chat']);
    assert.throws(
      () =>
        planRestore({ applianceId: 'tl1', features: ['chat'], ...parts, actual: foreign, existingVolumes: new Set() }),
      RestorePlanError,
    );
  });
});

describe('restore stages', () => {
  it('names what is being restored rather than the engine step', () => {
    const parts = partsFor(pointParts(POINT), ['chat']);
    const steps = planRestore({
      applianceId: 'tl1',
      features: ['chat'],
      ...parts,
      actual: running(['chat']),
      existingVolumes: allVolumes(['chat']),
    });
    assert.deepEqual(
      [...new Set(steps.map((s) => restoreStepStage(s).stage))],
      ['restoreStop', 'restoreDatabase', 'restoreVolume'],
    );
    assert.deepEqual(restoreStepStage(steps.find((s) => s.kind === 'restoreVolume')!).params, {
      service: 'synapse',
      volume: 'tl-tl1-synapse-data',
    });
  });

  it('the final reconcile reads as starting, except downloads and health checks', () => {
    assert.deepEqual(startProgress({ stage: 'create', params: { service: 'synapse' }, percent: 90 }), {
      stage: 'restoreStart',
      params: { service: 'synapse' },
      percent: 90,
    });
    assert.equal(startProgress({ stage: 'health', params: { services: 'synapse' }, percent: 95 }).stage, 'health');
    assert.deepEqual(startProgress({ stage: 'proxy', params: {}, percent: 96 }).params, {});
  });
});
