import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ServiceId } from '../catalog/catalog.types';
import { planSteps, type PlanContext } from './engine.planner';
import { actualFrom, ctx, desired, images, installed, summary } from './engine.planner.fixtures.spec';
import type { ActualContainer, DesiredContainer } from './engine.types';

/** What the reconciler knows after an install of `features`: volumes with their owners, databases made. */
function facts(want: DesiredContainer[], extra: Partial<PlanContext> = {}): PlanContext {
  return {
    ...installed(want),
    volumeOwners: new Map(want.flatMap((d) => d.volumes.map((v) => [v.name, d.serviceId] as const))),
    databasesReady: true,
    ...extra,
  };
}

const running = (want: DesiredContainer[]) => want.map((d) => actualFrom(d));
const padDeletion = [{ serviceId: 'hedgedoc' as ServiceId, database: true }];
const indexOf = (list: string[], entry: string) => {
  const index = list.indexOf(entry);
  assert.ok(index >= 0, `${entry} not in ${list.join(' | ')}`);
  return index;
};

describe('planSteps: databases, proxy, health and the chat admin', () => {
  it('creates the databases right after Postgres is started and healthy, before the services that use them', () => {
    const want = desired(['pad']);
    const steps = summary(
      planSteps(want, [], images(want), {
        ...ctx,
        databases: ['hedgedoc'],
        verifyProxy: true,
        awaitHealthy: ['hedgedoc'],
      }),
    );
    const tail = steps.slice(steps.indexOf('create postgres'));
    assert.deepEqual(tail, [
      'create postgres',
      'start postgres',
      'waitHealthy postgres',
      'ensureDatabases hedgedoc',
      'create hedgedoc',
      'start hedgedoc',
      'create proxy',
      'start proxy',
      'loadProxy',
      'waitHealthy hedgedoc',
    ]);
  });

  it('plans only the proxy check when nothing changed and the databases are known to exist', () => {
    const want = desired(['pad']);
    const steps = planSteps(
      want,
      running(want),
      images(want),
      facts(want, { databases: ['hedgedoc'], verifyProxy: true }),
    );
    assert.deepEqual(summary(steps), ['loadProxy']);
  });

  it('ensures the databases of a newly enabled service in the Postgres that already runs', () => {
    const want = desired(['chat', 'pad']);
    const actual = running(want).filter((c) => c.serviceId !== 'hedgedoc');
    const steps = summary(
      planSteps(want, actual, images(want), facts(want, { databases: ['synapse', 'hedgedoc'], databasesReady: false })),
    );
    assert.deepEqual(steps.slice(0, 3), ['ensureDatabases synapse,hedgedoc', 'create hedgedoc', 'start hedgedoc']);
  });

  it('registers the chat admin once Synapse is healthy, at the end', () => {
    const want = desired(['chat']);
    const steps = summary(planSteps(want, running(want), images(want), facts(want, { matrixAdmin: true })));
    assert.deepEqual(steps, ['waitHealthy synapse', 'ensureMatrixAdmin']);
  });
});

describe('planSteps: deleting a disabled feature’s data', () => {
  it('drops the databases while Postgres runs, before anything is removed, when the last feature goes', () => {
    const before = desired(['pad']);
    const steps = summary(planSteps([], running(before), new Set(), facts(before, { deletions: padDeletion })));
    assert.equal(steps[0], 'dropDatabases hedgedoc');
    const postgresRemoved = indexOf(steps, 'remove tl-tl1-postgres');
    assert.ok(indexOf(steps, 'stop tl-tl1-hedgedoc') < postgresRemoved);
    // The volume goes once its container is removed; Postgres' own volume stays.
    assert.ok(indexOf(steps, 'removeVolume tl-tl1-hedgedoc-uploads') > indexOf(steps, 'remove tl-tl1-hedgedoc'));
    assert.ok(!steps.some((s) => s.startsWith('removeVolume tl-tl1-postgres') || s.includes('proxy-data')));
  });

  it('removes only the deleted feature’s container and volume while another feature keeps Postgres', () => {
    const before = desired(['chat', 'pad']);
    const after = desired(['chat']);
    const steps = summary(planSteps(after, running(before), images(after), facts(before, { deletions: padDeletion })));
    assert.deepEqual(steps.slice(0, 4), [
      'dropDatabases hedgedoc',
      'stop tl-tl1-hedgedoc',
      'remove tl-tl1-hedgedoc',
      'removeVolume tl-tl1-hedgedoc-uploads',
    ]);
    assert.ok(!steps.some((s) => s.includes('postgres')));
  });

  it('starts a stopped Postgres to drop the databases, then removes it', () => {
    const before = desired(['pad']);
    const actual = running(before).map((c): ActualContainer =>
      c.serviceId === 'postgres' ? { ...c, state: 'exited', health: 'none' } : c,
    );
    const steps = summary(planSteps([], actual, new Set(), facts(before, { deletions: padDeletion })));
    assert.deepEqual(steps.slice(0, 3), ['start postgres', 'waitHealthy postgres', 'dropDatabases hedgedoc']);
    assert.ok(indexOf(steps, 'remove tl-tl1-postgres') > 2);
  });

  it('finishes a deletion a previous run left half done (containers gone, volume and database left)', () => {
    const before = desired(['chat', 'pad']);
    const after = desired(['chat']);
    const actual = running(after);
    const steps = summary(planSteps(after, actual, images(after), facts(before, { deletions: padDeletion })));
    assert.deepEqual(steps, ['dropDatabases hedgedoc', 'removeVolume tl-tl1-hedgedoc-uploads']);
  });

  it('does not delete the data of a service that is desired again', () => {
    const want = desired(['pad']);
    const steps = planSteps(want, running(want), images(want), facts(want, { deletions: padDeletion }));
    assert.deepEqual(steps, []);
  });
});

describe('planSteps: restart, update and rollback', () => {
  it('restarts the running containers of the requested services, and nothing else', () => {
    const want = desired(['chat']);
    const steps = planSteps(want, running(want), images(want), facts(want, { restarts: ['synapse', 'element'] }));
    assert.deepEqual(summary(steps), ['restart synapse', 'restart element']);
    assert.ok(steps.every((s) => s.kind !== 'restart' || s.target === `id-${s.serviceId}`));
  });

  it('does not restart a container that the plan replaces anyway', () => {
    const want = desired(['pad']);
    const actual = running(want).map((c) => (c.serviceId === 'hedgedoc' ? { ...c, configHash: 'old' } : c));
    const steps = summary(planSteps(want, actual, images(want), facts(want, { restarts: ['hedgedoc'] })));
    assert.deepEqual(steps, ['recreate hedgedoc']);
  });

  it('update: downloads the new image before anything stops, then replaces the container and waits for health', () => {
    const old = desired(['pad']);
    const next = old.map((d) => (d.serviceId === 'hedgedoc' ? { ...d, image: 'quay.io/hedgedoc/hedgedoc:1.12.0' } : d));
    const steps = summary(
      planSteps(next, running(old), images(old), facts(old, { awaitHealthy: ['hedgedoc'], databases: ['hedgedoc'] })),
    );
    assert.deepEqual(steps, ['pull quay.io/hedgedoc/hedgedoc:1.12.0', 'recreate hedgedoc', 'waitHealthy hedgedoc']);
  });

  it('rollback: the previous image is still there, so it is replaced back without a download', () => {
    const old = desired(['pad']);
    const broken = running(old).map((c) =>
      c.serviceId === 'hedgedoc'
        ? { ...c, image: 'quay.io/hedgedoc/hedgedoc:1.12.0', health: 'unhealthy' as const }
        : c,
    );
    const available = new Set([...images(old), 'quay.io/hedgedoc/hedgedoc:1.12.0']);
    const steps = summary(planSteps(old, broken, available, facts(old, { awaitHealthy: ['hedgedoc'] })));
    assert.deepEqual(steps, ['recreate hedgedoc', 'waitHealthy hedgedoc']);
  });
});
