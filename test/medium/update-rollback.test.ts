import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { JobFailure } from '../../server/src/jobs/job-handler';
import { FakeEngine } from '../support/fake-engine';
import { MediumApp } from '../support/medium-app';

const CATALOG_HEDGEDOC = 'quay.io/hedgedoc/hedgedoc:1.11.1';
const overrides = (hedgedoc: string) => ({ IMAGE_OVERRIDES: JSON.stringify({ [CATALOG_HEDGEDOC]: hedgedoc }) });

describe('medium: update and rollback (real services and SQLite, fake engine)', () => {
  const engine = new FakeEngine();
  let app: MediumApp;
  let dataDir: string;
  after(async () => {
    await app.dispose();
  });

  /** A manager restarted with the catalog's hedgedoc image pointing elsewhere (as a new release would). */
  async function restartWith(hedgedoc: string): Promise<void> {
    await app.stop();
    app = await MediumApp.start({ dataDir, engine, env: overrides(hedgedoc) });
  }

  it('installs the pad on the first image', async () => {
    app = await MediumApp.start({ engine, env: overrides('local/hedgedoc:1') });
    dataDir = app.dataDir;
    await app.run('enable', 'pad');
    assert.equal(engine.byService('hedgedoc')?.image, 'local/hedgedoc:1');
  });

  it('says "up to date" when the image did not change, touching nothing', async () => {
    const calls = app.mark();
    assert.deepEqual(await app.run('update', 'pad'), { kind: 'done', result: 'upToDate', params: { feature: 'pad' } });
    assert.deepEqual(calls(), []);
  });

  it('update: downloads the new image before anything stops, then replaces the container', async () => {
    await restartWith('local/hedgedoc:2');
    const calls = app.mark();
    const outcome = await app.run('update', 'pad');
    assert.deepEqual(outcome, {
      kind: 'done',
      result: 'updated',
      params: { feature: 'pad', images: 'local/hedgedoc:2' },
    });
    const list = calls();
    assert.equal(list[0], 'pull local/hedgedoc:2');
    assert.ok(list.indexOf('create hedgedoc local/hedgedoc:2') < list.indexOf('stop hedgedoc'));
    assert.equal(list.filter((c) => c.startsWith('pull ')).length, 1);
    assert.equal(engine.byService('hedgedoc')?.image, 'local/hedgedoc:2');
    assert.equal((await app.components.pins()).hedgedoc?.image, 'local/hedgedoc:2');
  });

  it('rollback: a failed health check pins the previous image back and replaces the container with it, no download', async () => {
    engine.unhealthyImages.add('local/hedgedoc:broken');
    await restartWith('local/hedgedoc:broken');
    const calls = app.mark();
    const error = await app.run('update', 'pad').catch((e: unknown) => e);
    assert.ok(error instanceof JobFailure, String(error));
    assert.equal(error.key, 'updateRolledBack');
    assert.deepEqual(error.params, { images: 'local/hedgedoc:2' });
    assert.match(error.detail ?? '', /hedgedoc/);
    const list = calls();
    const broken = list.indexOf('create hedgedoc local/hedgedoc:broken');
    assert.ok(list.indexOf('pull local/hedgedoc:broken') < broken);
    assert.ok(list.indexOf('create hedgedoc local/hedgedoc:2') > broken, list.join('\n'));
    assert.ok(!list.includes('pull local/hedgedoc:2'), 'the previous image was downloaded again');
    assert.equal((await app.components.pins()).hedgedoc?.image, 'local/hedgedoc:2');
    const hedgedoc = engine.byService('hedgedoc');
    assert.equal(hedgedoc?.image, 'local/hedgedoc:2');
    assert.equal(hedgedoc?.health, 'healthy');
    assert.ok(app.progress.some((p) => p.stage === 'rollback' && p.params.images === 'local/hedgedoc:2'));
    assert.ok(app.progress.some((p) => p.stage === 'health' && p.params.services === 'hedgedoc'));
  });
});
