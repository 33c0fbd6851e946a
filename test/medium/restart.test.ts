import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { JobFailure } from '../../server/src/jobs/job-handler';
import { appPerSuite } from '../support/medium-app';

describe('medium: a restart after which the service is not healthy (real services and SQLite, fake engine)', () => {
  const suite = appPerSuite();
  before(async () => {
    await suite.app.run('enable', 'pad');
  });

  it('fails naming the service, and the next reconcile does not restart it again', async () => {
    const hedgedoc = suite.app.engine.byService('hedgedoc');
    assert.ok(hedgedoc);
    suite.app.engine.unhealthyImages.add(hedgedoc.image);
    const calls = suite.app.mark();
    const error = await suite.app.run('restart', 'pad').catch((e: unknown) => e);
    assert.ok(error instanceof JobFailure, String(error));
    assert.equal(error.key, 'notHealthy');
    assert.deepEqual(error.params, { services: 'hedgedoc' });
    assert.deepEqual(calls(), ['stop hedgedoc', 'start hedgedoc']);
    assert.equal((await suite.app.features.get('pad'))?.restartRequestedAt, null);

    const again = suite.app.mark();
    await suite.app.reconciler.reconcile({ reason: 'periodic' });
    assert.deepEqual(again(), []);
  });
});
