import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JOB_STAGES } from '../../server/src/jobs/job-progress';
import { appPerSuite } from '../support/medium-app';

/** Position of the first recorded call starting with `prefix`; fails when there is none. */
function at(calls: string[], prefix: string): number {
  const index = calls.findIndex((c) => c.startsWith(prefix));
  assert.ok(index >= 0, `no "${prefix}" in:\n${calls.join('\n')}`);
  return index;
}

describe('medium: enabling and disabling a feature (real services and SQLite, fake engine)', () => {
  const suite = appPerSuite();

  it('enable: downloads, networks and volumes first, the database after Postgres starts, the proxy loaded last', async () => {
    const calls = suite.app.mark();
    assert.deepEqual(await suite.app.run('enable', 'pad'), {
      kind: 'done',
      result: 'installed',
      params: { feature: 'pad' },
    });
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
    assert.equal(suite.app.engine.byService('hedgedoc')?.health, 'healthy');
  });

  it('reports progress as stage keys with names only, the percent moving forward through the plan', () => {
    assert.ok(suite.app.progress.length > 5);
    for (const p of suite.app.progress) {
      assert.ok((JOB_STAGES as readonly string[]).includes(p.stage), p.stage);
      for (const value of Object.values(p.params)) assert.doesNotMatch(String(value), / /, 'a sentence in params');
    }
    const percents = suite.app.progress.map((p) => p.percent);
    assert.deepEqual(
      percents,
      [...percents].sort((a, b) => a - b),
    );
    assert.ok(percents.some((p) => p > 0 && p < 100));
    assert.deepEqual(
      suite.app.progress.filter((p) => p.stage === 'databases').map((p) => p.params),
      [{ services: 'hedgedoc' }],
    );
  });

  it('a second reconcile with nothing changed touches nothing', async () => {
    const calls = suite.app.mark();
    await suite.app.reconciler.reconcile({ reason: 'again' });
    assert.deepEqual(calls(), []);
  });

  it('restart: stops and starts the running container once, and clears the request', async () => {
    const calls = suite.app.mark();
    const id = suite.app.engine.byService('hedgedoc')?.id;
    assert.equal((await suite.app.run('restart', 'pad')).kind, 'done');
    assert.deepEqual(calls(), ['stop hedgedoc', 'start hedgedoc']);
    assert.equal(suite.app.engine.byService('hedgedoc')?.id, id);
    assert.equal((await suite.app.features.get('pad'))?.restartRequestedAt, null);
    const again = suite.app.mark();
    await suite.app.reconciler.reconcile({ reason: 'after restart' });
    assert.deepEqual(again(), []);
  });

  it('disable keeping data: containers go, the volume and the database stay', async () => {
    await suite.app.run('enable', 'files');
    const calls = suite.app.mark();
    const outcome = await suite.app.run('disable', 'pad');
    assert.equal(outcome.kind === 'done' && outcome.result, 'disabledKept');
    assert.deepEqual(calls(), ['stop hedgedoc', 'remove hedgedoc', 'proxy load']);
    assert.ok(suite.app.engine.volumes.has('tl-tlm-hedgedoc-uploads'));
    assert.ok(suite.app.engine.databases.get('tl-tlm-postgres-data')?.has('hedgedoc'));
  });

  it('disable with deletion while files keeps Postgres: database dropped first, then the container, then its volume', async () => {
    await suite.app.run('enable', 'pad');
    const calls = suite.app.mark();
    const outcome = await suite.app.run('disable', 'pad', { deleteData: true });
    assert.equal(outcome.kind === 'done' && outcome.result, 'disabledDeleted');
    assert.deepEqual(calls(), [
      'databases drop:hedgedoc',
      'stop hedgedoc',
      'remove hedgedoc',
      'removeVolume tl-tlm-hedgedoc-uploads',
      'proxy load',
    ]);
    assert.ok(suite.app.engine.databases.get('tl-tlm-postgres-data')?.has('nextcloud'));
    assert.equal((await suite.app.features.get('pad'))?.deleteData, false);
    assert.equal((await suite.app.components.pins()).hedgedoc, undefined);
  });

  it('disable with deletion of the last feature: databases dropped while Postgres runs, before it is removed', async () => {
    const calls = suite.app.mark();
    await suite.app.run('disable', 'files', { deleteData: true });
    const list = calls();
    const dropped = at(list, 'databases drop:nextcloud');
    assert.equal(dropped, 0, 'the databases are not the first thing deleted');
    assert.ok(dropped < at(list, 'stop postgres') && dropped < at(list, 'remove postgres'));
    assert.ok(at(list, 'remove nextcloud') < at(list, 'removeVolume tl-tlm-nextcloud-data'));
    assert.deepEqual(suite.app.engine.containers.size, 0);
    // Postgres's own data stays: only the deleted feature's volumes go.
    assert.ok(suite.app.engine.volumes.has('tl-tlm-postgres-data'));
    assert.ok(!suite.app.engine.volumes.has('tl-tlm-nextcloud-data'));
  });
});
