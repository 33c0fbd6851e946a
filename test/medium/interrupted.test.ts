import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { JobFailure } from '../../server/src/jobs/job-handler';
import { MediumApp } from '../support/medium-app';

const PAD_VOLUME = 'tl-tlm-hedgedoc-uploads';

describe('medium: a manager that died half way through a deletion (real services and SQLite, fake engine)', () => {
  let app: MediumApp | undefined;
  afterEach(async () => {
    await app?.dispose();
    app = undefined;
  });

  /** The same data directory and engine, a new process: what a restart of the manager is. */
  async function restart(previous: MediumApp): Promise<MediumApp> {
    await previous.stop();
    return MediumApp.start({ dataDir: previous.dataDir, engine: previous.engine });
  }

  it('finishes removing the volume after the containers and the database were gone', async () => {
    let current = await MediumApp.start();
    app = current;
    await current.run('enable', 'pad');
    current.engine.failNext('removeVolume');
    const error = await current.run('disable', 'pad', { deleteData: true }).catch((e: unknown) => e);
    assert.ok(error instanceof JobFailure && error.key === 'stepFailed', String(error));
    assert.equal(error.params.stage, 'removeVolume');
    assert.equal(current.engine.containers.size, 0);
    assert.ok(current.engine.volumes.has(PAD_VOLUME));
    assert.equal((await current.features.get('pad'))?.deleteData, true, 'the deletion was not kept');

    current = app = await restart(current);
    const calls = current.mark();
    await current.reconciler.reconcile({ reason: 'boot' });
    assert.deepEqual(calls(), [`removeVolume ${PAD_VOLUME}`]);
    assert.equal((await current.features.get('pad'))?.deleteData, false);
    assert.equal((await current.components.pins()).hedgedoc, undefined);
  });

  it('drops the database and removes the volume an older run left behind with the containers already gone', async () => {
    let current = await MediumApp.start();
    app = current;
    await current.run('enable', 'pad');
    await current.run('enable', 'files');
    // What a manager that died right after removing the pad's container leaves: the choice, the data.
    await current.features.set('pad', { enabled: false, deleteData: true }, new Date());
    current.engine.vanish('hedgedoc');

    current = app = await restart(current);
    const calls = current.mark();
    await current.reconciler.reconcile({ reason: 'boot' });
    const list = calls();
    assert.equal(list[0], 'databases drop:hedgedoc');
    assert.ok(list.includes(`removeVolume ${PAD_VOLUME}`), list.join('\n'));
    assert.ok(!current.engine.databases.get('tl-tlm-postgres-data')?.has('hedgedoc'));
    assert.ok(current.engine.databases.get('tl-tlm-postgres-data')?.has('nextcloud'));
    assert.ok(!current.engine.volumes.has(PAD_VOLUME));
    assert.ok(current.engine.byService('nextcloud'), 'the other feature was touched');

    const again = current.mark();
    await current.reconciler.reconcile({ reason: 'periodic' });
    assert.deepEqual(again(), []);
  });
});
