import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import {
  ResticError,
  type ResticPort,
  type ResticSnapshot,
  type VolumeRef,
} from '../../server/src/backups/restic.types';
import { BackupTargetRepository } from '../../server/src/backups/backup-target.repository';
import { JobFailure } from '../../server/src/jobs/job-handler';
import type { FakeEngine } from '../support/fake-engine';
import { MediumApp } from '../support/medium-app';

const RUN = '7d3f0a52-0c1e-4f7e-9d6a-2b8c4e1f9a00';
const snap = (id: string, service: string, kind: string, path: string): ResticSnapshot => ({
  id,
  time: '2026-11-30T03:00:00Z',
  tags: [`run=${RUN}`, `service=${service}`, `kind=${kind}`],
  paths: [path],
});

/**
 * restic's port as a stand-in: a point with the pad's database and volume. It enforces what the real
 * restore relies on (no container uses a volume restic writes into) and logs into the engine's calls,
 * so the order of restic and engine work reads as one list.
 */
class FakeRestic implements Pick<ResticPort, 'snapshots' | 'dump' | 'restoreVolume'> {
  failNextVolume = false;
  /** The repository each call read, in order. */
  readonly read: unknown[] = [];
  constructor(private readonly engine: FakeEngine) {}

  snapshots(target: unknown, tags: string[] = []): Promise<ResticSnapshot[]> {
    this.read.push(target);
    if (!tags.includes(`run=${RUN}`)) return Promise.resolve([]);
    return Promise.resolve([
      snap('s-db', 'hedgedoc', 'database', '/hedgedoc.pgdump'),
      snap('s-vol', 'hedgedoc', 'volume', '/volumes/tl-tlm-hedgedoc-uploads'),
    ]);
  }

  async dump(target: unknown, snapshotId: string, filename: string, output: Writable): Promise<void> {
    this.read.push(target);
    assert.equal(`${snapshotId} ${filename}`, 's-db hedgedoc.pgdump');
    for (let i = 0; i < 8; i++) output.write(Buffer.alloc(64 * 1024, i));
    output.end();
    return Promise.resolve();
  }

  restoreVolume(target: unknown, snapshotId: string, volume: VolumeRef): Promise<void> {
    this.read.push(target);
    if (this.failNextVolume) {
      this.failNextVolume = false;
      return Promise.reject(new ResticError('unreachable', 'the repository did not answer'));
    }
    assert.ok(this.engine.volumes.has(volume.name), `${volume.name} exists`);
    const users = [...this.engine.containers.values()].filter((c) => c.volumes.includes(volume.name));
    assert.deepEqual(users, [], `nothing uses ${volume.name} while it is restored`);
    this.engine.calls.push(`restic restore ${snapshotId} into ${volume.name}`);
    return Promise.resolve();
  }
}

describe('medium: restoring the pad from a backup point (real services and SQLite, fake engine and restic)', () => {
  let app: MediumApp;
  let restic: FakeRestic;
  const restore = (services: string[] = ['pad'], more: Record<string, string> = {}) =>
    app.restore.run({
      jobId: randomUUID(),
      kind: 'backupRestore',
      target: 'backups',
      options: { snapshot: RUN, services, ...more },
      progress: (p) => app.progress.push(p),
    });

  before(async () => {
    app = await MediumApp.start();
    restic = new FakeRestic(app.engine);
    await app.stop();
    app = await MediumApp.start({ dataDir: app.dataDir, engine: app.engine, restic });
    assert.equal((await app.run('enable', 'pad')).kind, 'done');
  });
  after(() => app.dispose());

  it('stops and removes the pad, reloads its database, restores its volume, then creates and starts it again', async () => {
    const calls = app.mark();
    app.progress.length = 0;
    assert.deepEqual(await restore(), {
      kind: 'done',
      result: 'restored',
      params: { features: 'pad', snapshot: RUN },
    });
    const list = calls();
    const at = (call: string) => {
      const index = list.findIndex((c) => c.startsWith(call));
      assert.ok(index >= 0, `no "${call}" in:\n${list.join('\n')}`);
      return index;
    };
    // Stopped (the desired state), then removed so that they are created afresh.
    assert.ok(at('stop hedgedoc') < at('remove hedgedoc'));
    assert.ok(at('remove hedgedoc') < at('databases drop:hedgedoc'));
    assert.ok(at('databases drop:hedgedoc') < at('databases create:hedgedoc'));
    assert.ok(at('databases create:hedgedoc') < at(`databases load:hedgedoc ${8 * 64 * 1024} bytes`));
    assert.ok(at('databases load:hedgedoc') < at('restic restore s-vol into tl-tlm-hedgedoc-uploads'));
    assert.ok(at('restic restore') < at('create hedgedoc'));
    assert.ok(at('create hedgedoc') < at('start hedgedoc'));
    assert.ok(!list.some((c) => /^(stop|remove) (postgres|proxy)/.test(c)), list.join('\n'));
    assert.equal(app.engine.byService('hedgedoc')?.state, 'running');
    assert.equal((await app.features.get('pad'))?.desiredRunning, true);

    const stages = new Set(app.progress.map((p) => p.stage));
    for (const stage of ['restoreStop', 'restoreDatabase', 'restoreVolume', 'restoreStart', 'health'])
      assert.ok(stages.has(stage as never), `stage ${stage} (saw ${[...stages].join(', ')})`);
    const percents = app.progress.map((p) => p.percent);
    assert.deepEqual(
      percents,
      [...percents].sort((a, b) => a - b),
    );
  });

  it('a restore that fails half way leaves the pad stopped (never started on half its data), and a second one finishes it', async () => {
    restic.failNextVolume = true;
    await assert.rejects(restore(), (err: unknown) => {
      assert.ok(err instanceof JobFailure);
      assert.equal(err.key, 'stepFailed');
      assert.deepEqual(err.params, { stage: 'restoreVolume', service: 'hedgedoc', volume: 'tl-tlm-hedgedoc-uploads' });
      assert.match(err.detail ?? '', /did not answer/);
      return true;
    });
    assert.equal((await app.features.get('pad'))?.desiredRunning, false);
    const calls = app.mark();
    await app.reconciler.reconcile({ reason: 'after a failed restore' });
    assert.ok(!calls().some((c) => c.startsWith('start hedgedoc')), calls().join('\n'));
    assert.notEqual(app.engine.byService('hedgedoc')?.state, 'running');

    const again = app.mark();
    assert.equal((await restore()).kind, 'done');
    assert.ok(again().includes('restic restore s-vol into tl-tlm-hedgedoc-uploads'));
    assert.equal(app.engine.byService('hedgedoc')?.state, 'running');
  });

  it('a point that is gone, or holds nothing of the chosen feature, fails with its own key before touching anything', async () => {
    const calls = app.mark();
    await assert.rejects(
      app.restore.run({
        jobId: randomUUID(),
        kind: 'backupRestore',
        target: 'backups',
        options: { snapshot: 'gone', services: ['pad'] },
        progress: () => undefined,
      }),
      (err: unknown) => err instanceof JobFailure && err.key === 'restorePointMissing',
    );
    await assert.rejects(
      restore(['chat']),
      (err: unknown) => err instanceof JobFailure && err.key === 'restoreNotInPoint' && err.params.features === 'chat',
    );
    assert.deepEqual(calls(), []);
  });

  it('on a machine whose database service is gone, puts the shared services back first, then restores', async () => {
    app.engine.vanish('postgres');
    const calls = app.mark();
    assert.equal((await restore()).kind, 'done');
    const list = calls();
    const at = (call: string) => list.findIndex((c) => c.startsWith(call));
    assert.ok(at('create postgres') >= 0, list.join('\n'));
    assert.ok(at('create postgres') < at('databases drop:hedgedoc'), list.join('\n'));
    assert.ok(at('databases load:hedgedoc') < at('start hedgedoc'), list.join('\n'));
    assert.equal(app.engine.byService('hedgedoc')?.state, 'running');
    assert.equal(app.engine.byService('postgres')?.state, 'running');
  });

  it('restores from another place of this server (targetId): every restic call reads that place', async () => {
    const places = app.service(BackupTargetRepository);
    const id = randomUUID();
    const fields = {
      id,
      label: 'Disque',
      kind: 'directory' as const,
      location: '/mnt/usb/backups',
      retention: null,
      s3PathStyle: null,
    };
    await places.insert(fields, new Date());
    restic.read.length = 0;
    assert.equal((await restore(['pad'], { targetId: id })).kind, 'done');
    assert.ok(restic.read.length >= 3, JSON.stringify(restic.read));
    assert.deepEqual(
      new Set(restic.read.map((t) => JSON.stringify(t))),
      new Set([JSON.stringify({ kind: 'directory', path: '/mnt/usb/backups' })]),
    );
    assert.equal(app.engine.byService('hedgedoc')?.state, 'running');

    // A place forgotten since the request: nothing is read and nothing stops.
    await places.remove(id);
    const calls = app.mark();
    await assert.rejects(
      restore(['pad'], { targetId: id }),
      (err: unknown) => err instanceof JobFailure && err.key === 'restoreTargetMissing',
    );
    assert.deepEqual(calls(), []);
  });
});
