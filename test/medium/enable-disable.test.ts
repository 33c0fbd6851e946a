import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { JOB_STAGES } from '../../server/src/jobs/job-progress';
import { MediumApp } from '../support/medium-app';

/** Position of the first recorded call starting with `prefix`; fails when there is none. */
function at(calls: string[], prefix: string): number {
  const index = calls.findIndex((c) => c.startsWith(prefix));
  assert.ok(index >= 0, `no "${prefix}" in:\n${calls.join('\n')}`);
  return index;
}

describe('medium: enabling and disabling a feature (real services and SQLite, fake engine)', () => {
  let app: MediumApp;
  before(async () => {
    app = await MediumApp.start();
  });
  after(() => app.dispose());

  it('enable: downloads, networks and volumes first, the database after Postgres starts, the proxy loaded last', async () => {
    const calls = app.mark();
    assert.deepEqual(await app.run('enable', 'pad'), { kind: 'done', result: 'installed', params: { feature: 'pad' } });
    const list = calls();
    const firstCreate = at(list, 'create ');
    assert.ok(at(list, 'pull ') < at(list, 'createNetwork '));
    assert.ok(
      list.slice(firstCreate).every((c) => !c.startsWith('pull ')),
      'a download after a create',
    );
    assert.ok(at(list, 'createVolume tl-tlm-hedgedoc-uploads') < firstCreate);
    assert.ok(at(list, 'start postgres') < at(list, 'databases create:hedgedoc'));
    assert.ok(at(list, 'databases create:hedgedoc') < at(list, 'create hedgedoc'));
    assert.ok(at(list, 'start proxy') < at(list, 'proxy load'));
    assert.equal(app.engine.byService('hedgedoc')?.health, 'healthy');
  });

  it('reports progress as stage keys with names only, the percent moving forward through the plan', () => {
    assert.ok(app.progress.length > 5);
    for (const p of app.progress) {
      assert.ok((JOB_STAGES as readonly string[]).includes(p.stage), p.stage);
      for (const value of Object.values(p.params)) assert.doesNotMatch(String(value), / /, 'a sentence in params');
    }
    const percents = app.progress.map((p) => p.percent);
    assert.deepEqual(
      percents,
      [...percents].sort((a, b) => a - b),
    );
    assert.ok(percents.some((p) => p > 0 && p < 100));
    assert.deepEqual(
      app.progress.filter((p) => p.stage === 'databases').map((p) => p.params),
      [{ services: 'hedgedoc' }],
    );
  });

  it('a second reconcile with nothing changed touches nothing', async () => {
    const calls = app.mark();
    await app.reconciler.reconcile({ reason: 'again' });
    assert.deepEqual(calls(), []);
  });

  it('restart: stops and starts the running container once, and clears the request', async () => {
    const calls = app.mark();
    const id = app.engine.byService('hedgedoc')?.id;
    assert.equal((await app.run('restart', 'pad')).kind, 'done');
    assert.deepEqual(calls(), ['stop hedgedoc', 'start hedgedoc']);
    assert.equal(app.engine.byService('hedgedoc')?.id, id);
    assert.equal((await app.features.get('pad'))?.restartRequestedAt, null);
    const again = app.mark();
    await app.reconciler.reconcile({ reason: 'after restart' });
    assert.deepEqual(again(), []);
  });

  it('disable keeping data: containers go, the volume and the database stay', async () => {
    await app.run('enable', 'files');
    const calls = app.mark();
    const outcome = await app.run('disable', 'pad');
    assert.equal(outcome.kind === 'done' && outcome.result, 'disabledKept');
    assert.deepEqual(calls(), ['stop hedgedoc', 'remove hedgedoc', 'proxy load']);
    assert.ok(app.engine.volumes.has('tl-tlm-hedgedoc-uploads'));
    assert.ok(app.engine.databases.get('tl-tlm-postgres-data')?.has('hedgedoc'));
  });

  it('disable with deletion while files keeps Postgres: database dropped first, then the container, then its volume', async () => {
    await app.run('enable', 'pad');
    const calls = app.mark();
    const outcome = await app.run('disable', 'pad', { deleteData: true });
    assert.equal(outcome.kind === 'done' && outcome.result, 'disabledDeleted');
    assert.deepEqual(calls(), [
      'databases drop:hedgedoc',
      'stop hedgedoc',
      'remove hedgedoc',
      'removeVolume tl-tlm-hedgedoc-uploads',
      'proxy load',
    ]);
    assert.ok(app.engine.databases.get('tl-tlm-postgres-data')?.has('nextcloud'));
    assert.equal((await app.features.get('pad'))?.deleteData, false);
    assert.equal((await app.components.pins()).hedgedoc, undefined);
  });

  it('disable with deletion of the last feature: databases dropped while Postgres runs, before it is removed', async () => {
    const calls = app.mark();
    await app.run('disable', 'files', { deleteData: true });
    const list = calls();
    const dropped = at(list, 'databases drop:nextcloud');
    assert.equal(dropped, 0, 'the databases are not the first thing deleted');
    assert.ok(dropped < at(list, 'stop postgres') && dropped < at(list, 'remove postgres'));
    assert.ok(at(list, 'remove nextcloud') < at(list, 'removeVolume tl-tlm-nextcloud-data'));
    assert.deepEqual(app.engine.containers.size, 0);
    // Postgres's own data stays: only the deleted feature's volumes go.
    assert.ok(app.engine.volumes.has('tl-tlm-postgres-data'));
    assert.ok(!app.engine.volumes.has('tl-tlm-nextcloud-data'));
  });
});
