import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContainerDetails, EngineCreateSpec, HealthStatus, ImageDetails } from '../engine/engine.types';
import { runHelper, type HelperDeps, type HelperEngine } from './self-update.helper';
import type { SelfUpdateResult } from './self-update.types';
import { runConfig } from '../engine/engine.run-config.fixtures.spec';

const runConfigWith = (labels: Record<string, string>) =>
  runConfig({ Labels: labels, Healthcheck: { Test: ['CMD', 'true'] } });

/** An engine in memory: containers by id, names resolved like the engine does. */
class FakeEngine implements HelperEngine {
  containers = new Map<string, ContainerDetails>();
  images = new Map<string, ImageDetails>();
  calls: string[] = [];
  /** Health the new container reports on each inspect once started. */
  newHealth: HealthStatus = 'healthy';

  constructor() {
    const old = { id: 'sha256:old', repoTags: ['tl/a:dev'], repoDigests: [], config: runConfigWith({ v: '1' }) };
    const next = { id: 'sha256:new', repoTags: ['tl/a:channel'], repoDigests: [], config: runConfigWith({ v: '2' }) };
    this.images.set('sha256:old', old).set('tl/a:channel', next);
    this.add({ id: 'old-id', name: 'tl', imageRef: 'tl/a:dev', imageId: 'sha256:old', health: 'healthy' });
  }

  add(partial: Partial<ContainerDetails> & { id: string; name: string }): void {
    this.containers.set(partial.id, {
      imageRef: '',
      imageId: '',
      state: 'running',
      health: 'healthy',
      lastHealthOutput: undefined,
      exitCode: 0,
      restartCount: 0,
      config: runConfigWith({}),
      hostConfig: { RestartPolicy: { Name: 'unless-stopped' } },
      mounts: [],
      networks: [],
      ...partial,
    });
  }

  private find(idOrName: string) {
    return this.containers.get(idOrName) ?? [...this.containers.values()].find((c) => c.name === idOrName);
  }

  inspectContainer(idOrName: string) {
    return Promise.resolve(this.find(idOrName));
  }
  inspectImage(ref: string) {
    return Promise.resolve(this.images.get(ref));
  }
  createFromSpec(spec: EngineCreateSpec) {
    if (this.find(spec.name)) throw new Error(`name ${spec.name} in use`);
    this.calls.push(`create ${spec.name} ${spec.Image}`);
    this.add({ id: 'new-id', name: spec.name, imageRef: spec.Image, state: 'created', health: 'starting' });
    return Promise.resolve('new-id');
  }
  start(id: string) {
    this.calls.push(`start ${id}`);
    const c = this.find(id)!;
    Object.assign(c, { state: 'running', health: id === 'new-id' ? this.newHealth : 'healthy' });
    if (id === 'new-id' && this.newHealth === 'unhealthy') c.lastHealthOutput = 'exit 1';
    return Promise.resolve();
  }
  stop(id: string) {
    this.calls.push(`stop ${id}`);
    Object.assign(this.find(id)!, { state: 'exited' });
    return Promise.resolve();
  }
  rename(id: string, name: string) {
    this.calls.push(`rename ${id} ${name}`);
    this.find(id)!.name = name;
    return Promise.resolve();
  }
  remove(id: string) {
    this.calls.push(`remove ${id}`);
    this.containers.delete(id);
    return Promise.resolve();
  }
}

function deps(engine: FakeEngine) {
  const files = { results: [] as SelfUpdateResult[], restored: 0, backedUp: 0 };
  let clock = 0;
  const d: HelperDeps = {
    engine,
    files: {
      startLog: () => undefined,
      log: () => undefined,
      writeResult: (r) => void files.results.push(r),
      backupDatabase: () => Promise.resolve(void files.backedUp++),
      restoreDatabase: () => Promise.resolve(void files.restored++),
    },
    print: () => undefined,
    sleep: () => {
      clock += 1000;
      return Promise.resolve();
    },
    now: () => new Date(clock),
  };
  return { d, files };
}

const ARGS = { container: 'old-id', target: 'tl/a:channel', targetId: 'sha256:new', timeoutSec: 10, jobId: 'job-1' };

describe('runHelper', () => {
  it('replaces the manager and removes the old one once the new one is healthy', async () => {
    const engine = new FakeEngine();
    const { d, files } = deps(engine);
    const result = await runHelper(ARGS, d);
    assert.equal(result.state, 'succeeded', result.reason ?? '');
    assert.deepEqual(engine.calls, [
      'stop old-id',
      'rename old-id tl-previous',
      'create tl tl/a:channel',
      'start new-id',
      'remove old-id',
    ]);
    assert.deepEqual(
      [...engine.containers.values()].map((c) => `${c.name} ${c.imageRef}`),
      ['tl tl/a:channel'],
    );
    assert.deepEqual(files.results, [result]);
    assert.deepEqual(
      { from: result.from, to: result.to, jobId: result.jobId },
      { from: 'tl/a:dev', to: 'tl/a:channel', jobId: 'job-1' },
    );
    assert.equal(files.restored, 0);
  });

  it('rolls back when the new manager turns unhealthy: old one renamed back, started, database restored', async () => {
    const engine = new FakeEngine();
    engine.newHealth = 'unhealthy';
    const { d, files } = deps(engine);
    const result = await runHelper(ARGS, d);
    assert.equal(result.state, 'rolled-back');
    assert.match(result.reason ?? '', /unhealthy; last probe: exit 1/);
    assert.deepEqual(engine.calls.slice(4), ['stop new-id', 'remove new-id', 'rename old-id tl', 'start old-id']);
    assert.equal(files.restored, 1);
    assert.deepEqual(
      [...engine.containers.values()].map((c) => `${c.name} ${c.state}`),
      ['tl running'],
    );
  });

  it('rolls back after the timeout when the new manager stays starting', async () => {
    const engine = new FakeEngine();
    engine.newHealth = 'starting';
    const { d } = deps(engine);
    const result = await runHelper(ARGS, d);
    assert.equal(result.state, 'rolled-back');
    assert.match(result.reason ?? '', /did not become healthy within 10 s \(health: starting\)/);
  });

  it('touches nothing when the channel moved or a previous container is in the way', async () => {
    const moved = new FakeEngine();
    const r1 = await runHelper({ ...ARGS, targetId: 'sha256:other' }, deps(moved).d);
    assert.equal(r1.state, 'failed');
    assert.match(r1.reason ?? '', /changed while the update was starting/);
    assert.deepEqual(moved.calls, []);

    const blocked = new FakeEngine();
    blocked.add({ id: 'leftover', name: 'tl-previous' });
    const r2 = await runHelper(ARGS, deps(blocked).d);
    assert.equal(r2.state, 'failed');
    assert.match(r2.reason ?? '', /tl-previous already exists/);
    assert.deepEqual(blocked.calls, []);
  });
});
