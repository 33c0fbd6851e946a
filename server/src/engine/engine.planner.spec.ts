import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actualFrom, ctx, desired, images, installed, kinds, summary } from './engine.planner.fixtures.spec';
import { orderByDependencies, planSteps } from './engine.planner';
import { LABELS, MANAGED_BY, type ActualContainer, type DesiredContainer } from './engine.types';

describe('planSteps', () => {
  it('plans nothing when nothing changed', () => {
    const want = desired(['chat', 'pad', 'files']);
    assert.deepEqual(
      planSteps(
        want,
        want.map((d) => actualFrom(d)),
        images(want),
        ctx,
      ),
      [],
    );
  });

  it('creates a fresh install in dependency order, pulling absent images first, proxy last', () => {
    const want = desired(['chat']);
    const steps = planSteps(want, [], new Set(['postgres:15.19']), ctx);
    const pulls = steps.filter((s) => s.kind === 'pull');
    assert.equal(pulls.length, 3);
    assert.ok(kinds(steps).indexOf('pull') === 0);
    const lastPull = kinds(steps).lastIndexOf('pull');
    assert.ok(steps.slice(lastPull + 1).every((s) => s.kind !== 'pull'));
    const created = summary(steps).filter((s) => s.startsWith('create ') || s.startsWith('start '));
    assert.deepEqual(created, [
      'create postgres',
      'start postgres',
      'create synapse',
      'start synapse',
      'create element',
      'start element',
      'create proxy',
      'start proxy',
    ]);
    const networks = steps
      .filter((s) => s.kind === 'createNetwork')
      .map((s) => s.kind === 'createNetwork' && [s.name, s.internal]);
    assert.deepEqual(networks, [
      ['tl-tl1-backend', true],
      ['tl-tl1-frontend', false],
    ]);
    const volumes = steps.filter((s) => s.kind === 'createVolume').map((s) => s.kind === 'createVolume' && s.name);
    assert.deepEqual(volumes, [
      'tl-tl1-postgres-data',
      'tl-tl1-postgres-files-run-secrets',
      'tl-tl1-synapse-data',
      'tl-tl1-proxy-data',
      'tl-tl1-proxy-config',
    ]);
    assert.ok(kinds(steps).indexOf('createVolume') < kinds(steps).indexOf('create'));
  });

  it('skips networks and volumes that already exist', () => {
    const want = desired(['pad']);
    const steps = planSteps(want, [], images(want), {
      ...ctx,
      existingNetworks: new Set(['tl-tl1-frontend', 'tl-tl1-backend']),
      existingVolumes: new Set(['tl-tl1-postgres-data']),
    });
    assert.ok(!kinds(steps).includes('createNetwork'));
    assert.ok(!steps.some((s) => s.kind === 'createVolume' && s.name === 'tl-tl1-postgres-data'));
  });

  it('pulls the new image before recreating a container whose config or image changed', () => {
    const want = desired(['chat']);
    const actual = want.map((d) =>
      d.serviceId === 'synapse'
        ? actualFrom(d, { image: 'matrixdotorg/synapse:v1.150.0', configHash: 'old' })
        : actualFrom(d),
    );
    const steps = planSteps(want, actual, new Set(actual.map((a) => a.image)), installed(want));
    assert.deepEqual(summary(steps), ['pull matrixdotorg/synapse:v1.163.2', 'recreate synapse']);
    const recreate = steps[1];
    assert.ok(recreate.kind === 'recreate' && recreate.reason === 'image' && recreate.target === 'id-synapse');
  });

  it('failed-pull path: no step touches a container before every pull, so a failed pull leaves it running', () => {
    const want = desired(['chat', 'pad']);
    const actual = want.map((d) => actualFrom(d, { configHash: 'old' }));
    const steps = planSteps(want, actual, new Set(), ctx);
    const firstTouch = steps.findIndex((s) => ['stop', 'remove', 'recreate', 'create', 'start'].includes(s.kind));
    const lastPull = kinds(steps).lastIndexOf('pull');
    assert.ok(lastPull >= 0 && firstTouch > lastPull, summary(steps).join(', '));
    assert.ok(!kinds(steps).includes('stop'), 'recreate handles stopping itself, after the pull');
  });

  it('recreates on a config change with the image already present, without pulling', () => {
    const want = desired(['pad']);
    const actual = want.map((d) => (d.serviceId === 'hedgedoc' ? actualFrom(d, { configHash: 'old' }) : actualFrom(d)));
    const steps = planSteps(want, actual, images(want), installed(want));
    assert.deepEqual(summary(steps), ['recreate hedgedoc']);
    assert.ok(steps[0].kind === 'recreate' && steps[0].reason === 'config');
  });

  it('starts an exited container, recreates a dead one or an exited one with another config', () => {
    const want = desired(['chat']);
    const byId = (id: string) => want.find((d) => d.serviceId === id) as DesiredContainer;
    const actual = [
      actualFrom(byId('proxy')),
      actualFrom(byId('postgres'), { state: 'exited' }),
      actualFrom(byId('synapse'), { state: 'dead' }),
      actualFrom(byId('element'), { state: 'exited', configHash: 'old' }),
    ];
    const steps = planSteps(want, actual, images(want), installed(want));
    assert.deepEqual(summary(steps), ['start postgres', 'recreate synapse', 'recreate element']);
    assert.ok(steps[0].kind === 'start' && steps[0].target === 'id-postgres');
  });

  it('stops and removes containers no longer desired, dependents first, and never plans a volume removal', () => {
    const all = desired(['chat', 'pad']);
    const want = desired(['pad']);
    const steps = planSteps(
      want,
      all.map((d) => actualFrom(d)),
      images(all),
      ctx,
    );
    assert.deepEqual(summary(steps), [
      'stop tl-tl1-element',
      'remove tl-tl1-element',
      'stop tl-tl1-synapse',
      'remove tl-tl1-synapse',
    ]);
    // Routes are pushed to Caddy's admin API, so the proxy container itself is left alone.
    assert.ok(steps.every((s) => s.kind !== 'createVolume' || s.name.length > 0));
  });

  it('removes only the container of an exited, undesired service without stopping it', () => {
    const all = desired(['pad', 'files']);
    const want = desired(['pad']);
    const actual = all.map((d) => (d.serviceId === 'nextcloud' ? actualFrom(d, { state: 'exited' }) : actualFrom(d)));
    const steps = planSteps(want, actual, images(all), installed(all));
    assert.deepEqual(summary(steps).slice(0, 1), ['remove tl-tl1-nextcloud']);
  });

  it('keeps the duplicate matching the config hash and removes the others', () => {
    const want = desired(['pad']);
    const hedgedoc = want.find((d) => d.serviceId === 'hedgedoc') as DesiredContainer;
    const actual = [
      ...want.filter((d) => d !== hedgedoc).map((d) => actualFrom(d)),
      actualFrom(hedgedoc, { id: 'stale', name: 'tl-tl1-hedgedoc-previous-x', configHash: 'old' }),
      actualFrom(hedgedoc, { id: 'good' }),
      actualFrom(hedgedoc, { id: 'stale2', name: 'tl-tl1-hedgedoc-next-y', state: 'exited', configHash: 'older' }),
    ];
    const steps = planSteps(want, actual, images(want), ctx);
    assert.deepEqual(summary(steps), [
      'stop tl-tl1-hedgedoc-previous-x',
      'remove tl-tl1-hedgedoc-previous-x',
      'remove tl-tl1-hedgedoc-next-y',
    ]);
  });

  it('never sees a foreign container, even with a similar name or another appliance id', () => {
    const want = desired(['chat']);
    const synapse = want.find((d) => d.serviceId === 'synapse') as DesiredContainer;
    const foreign: ActualContainer[] = [
      {
        ...actualFrom(synapse),
        id: 'hand-made',
        name: 'tl-tl1-synapse-test',
        labels: {},
        serviceId: undefined,
        configHash: undefined,
      },
      { ...actualFrom(synapse), id: 'other-appliance', labels: { ...synapse.labels, [LABELS.applianceId]: 'tl2' } },
      {
        ...actualFrom(synapse),
        id: 'not-managed',
        labels: { [LABELS.service]: 'synapse', [LABELS.applianceId]: 'tl1' },
      },
      {
        ...actualFrom(synapse),
        id: 'other-manager',
        labels: { ...synapse.labels, [LABELS.managedBy]: 'someone-else' },
      },
    ];
    const steps = planSteps(want, [...want.map((d) => actualFrom(d)), ...foreign], images(want), ctx);
    assert.deepEqual(steps, []);
    const fresh = planSteps(want, foreign, images(want), ctx);
    const targets = fresh.flatMap((s) => ('target' in s ? [s.target] : []));
    for (const id of ['hand-made', 'other-appliance', 'not-managed', 'other-manager'])
      assert.ok(!targets.includes(id), id);
  });

  it('stops a service an admin stopped, and does not start it again', () => {
    const want = desired(['pad'], ['hedgedoc']);
    const running = planSteps(
      want,
      want.map((d) => actualFrom(d)),
      images(want),
      ctx,
    );
    assert.deepEqual(summary(running), ['stop tl-tl1-hedgedoc']);
    const exited = want.map((d) => (d.serviceId === 'hedgedoc' ? actualFrom(d, { state: 'exited' }) : actualFrom(d)));
    assert.deepEqual(planSteps(want, exited, images(want), ctx), []);
    assert.deepEqual(summary(planSteps(want, [], images(want), ctx)).includes('start hedgedoc'), false);
  });

  it('waits for a container the engine is removing instead of clashing with its name', () => {
    const want = desired(['pad']);
    const actual = want.map((d) => (d.serviceId === 'hedgedoc' ? actualFrom(d, { state: 'removing' }) : actualFrom(d)));
    assert.deepEqual(planSteps(want, actual, images(want), ctx), []);
  });

  it('recognises a leftover unmanaged-by-us label value as foreign', () => {
    const want = desired(['pad']);
    const actual = want.map((d) =>
      actualFrom(d, { labels: { ...d.labels, [LABELS.managedBy]: `${MANAGED_BY}-fork` } }),
    );
    assert.equal(planSteps(want, actual, images(want), ctx).filter((s) => s.kind === 'create').length, want.length);
  });
});

describe('orderByDependencies', () => {
  it('puts dependencies first and the proxy last', () => {
    const order = orderByDependencies(desired(['chat', 'pad', 'files']).reverse()).map((d) => d.serviceId);
    assert.deepEqual(order, ['postgres', 'synapse', 'element', 'hedgedoc', 'nextcloud', 'proxy']);
  });

  it('refuses a cycle', () => {
    const [a, b] = desired(['pad']).slice(1);
    assert.throws(
      () =>
        orderByDependencies([
          { ...a, dependsOn: [b.serviceId] },
          { ...b, dependsOn: [a.serviceId] },
        ]),
      /cycle/,
    );
  });
});
