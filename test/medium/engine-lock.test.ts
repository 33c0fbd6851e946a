import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appPerSuite } from '../support/medium-app';

describe('medium: the engine lock (real services and SQLite, fake engine)', () => {
  const suite = appPerSuite();

  it('a reconcile waits for the job that holds the engine, then finds nothing left to do', async () => {
    const download = suite.app.engine.pause('pull');
    const job = suite.app.run('enable', 'pad', {}, 'j1');
    await download.reached;
    const reconcile = suite.app.reconciler.reconcile({ reason: 'periodic' });
    const locks = suite.app.locks.snapshot();
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
    const calls = suite.app.mark();
    await reconcile;
    assert.deepEqual(calls(), []);
  });
});
