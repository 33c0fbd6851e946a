import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { JobFailure } from '../../server/src/jobs/job-handler';
import { MediumApp } from '../support/medium-app';

describe('medium: a restart after which the service is not healthy (real services and SQLite, fake engine)', () => {
  let app: MediumApp;
  before(async () => {
    app = await MediumApp.start();
    await app.run('enable', 'pad');
  });
  after(() => app.dispose());

  it('fails naming the service, and the next reconcile does not restart it again', async () => {
    const hedgedoc = app.engine.byService('hedgedoc');
    assert.ok(hedgedoc);
    app.engine.unhealthyImages.add(hedgedoc.image);
    const calls = app.mark();
    const error = await app.run('restart', 'pad').catch((e: unknown) => e);
    assert.ok(error instanceof JobFailure, String(error));
    assert.equal(error.key, 'notHealthy');
    assert.deepEqual(error.params, { services: 'hedgedoc' });
    assert.deepEqual(calls(), ['stop hedgedoc', 'start hedgedoc']);
    assert.equal((await app.features.get('pad'))?.restartRequestedAt, null);

    const again = app.mark();
    await app.reconciler.reconcile({ reason: 'periodic' });
    assert.deepEqual(again(), []);
  });
});
