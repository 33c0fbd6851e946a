import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MediumApp } from '../support/medium-app';

describe('medium: the engine lock (real services and SQLite, fake engine)', () => {
  let app: MediumApp;
  before(async () => {
    app = await MediumApp.start();
  });
  after(() => app.dispose());

  it('a reconcile waits for the job that holds the engine, then finds nothing left to do', async () => {
    const download = app.engine.pause('pull');
    const job = app.run('enable', 'pad', {}, 'j1');
    await download.reached;
    const reconcile = app.reconciler.reconcile({ reason: 'periodic' });
    const locks = app.locks.snapshot();
    assert.deepEqual(
      locks.held.map((h) => [h.lock, h.holder]),
      [['engine', 'job:j1']],
    );
    assert.deepEqual(
      locks.waiting.map((h) => [h.lock, h.holder]),
      [['engine', 'reconcile']],
    );
    download.release();
    assert.equal((await job).kind, 'done');
    const calls = app.mark();
    await reconcile;
    assert.deepEqual(calls(), []);
  });
});
