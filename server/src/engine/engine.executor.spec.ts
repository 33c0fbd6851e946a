import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testContext } from '../catalog/catalog.fixtures.spec';
import { desiredContainers } from './desired-state';
import { EngineConflictError, EngineError } from './engine.errors';
import {
  createStepHandlers,
  EngineExecutor,
  executeSteps,
  StepFailedError,
  type ServiceStepHandlers,
  type StepEngine,
} from './engine.executor';
import type { Step } from './engine.types';

/** Records every call; `failOn` makes the named call (optionally for one argument) throw. */
function fakeEngine(failOn: Record<string, string | true> = {}): StepEngine & { calls: string[] } {
  const calls: string[] = [];
  const act = (name: string, arg: string) => {
    calls.push(`${name} ${arg}`);
    const rule = failOn[name];
    if (rule === true || rule === arg) throw new EngineConflictError(`${name} ${arg} refused`);
    return Promise.resolve();
  };
  return {
    calls,
    pullImage: (ref, onProgress) => {
      onProgress?.(50, `Downloading ${ref}`);
      return act('pull', ref);
    },
    createNetwork: (name) => act('createNetwork', name),
    ensureVolume: (name) => act('ensureVolume', name),
    createContainer: async (desired) => {
      await act('create', desired.name);
      return `new:${desired.name}`;
    },
    start: (id) => act('start', id),
    stop: (id) => act('stop', id),
    remove: (id) => act('remove', id),
    rename: (id, name) => act('rename', `${id}->${name}`),
    removeVolume: (name) => act('removeVolume', name),
  };
}

/** Service-step handlers that record their calls into the same list. */
function fakeServices(calls: string[]): ServiceStepHandlers {
  const record = (entry: string) => {
    calls.push(entry);
    return Promise.resolve();
  };
  return {
    waitHealthy: (step) => record(`waitHealthy ${step.serviceIds.join(',')}`),
    ensureDatabases: (step) => record(`ensureDatabases ${step.serviceIds.join(',')}`),
    dropDatabases: (step) => record(`dropDatabases ${step.serviceIds.join(',')}`),
    loadProxy: () => record('loadProxy'),
    ensureMatrixAdmin: () => record('ensureMatrixAdmin'),
  };
}

const handlersOf = (engine: ReturnType<typeof fakeEngine>) => ({
  ...createStepHandlers(engine),
  ...fakeServices(engine.calls),
});

const hedgedoc = desiredContainers({
  ctx: testContext(),
  enabled: ['hedgedoc'],
  overrides: {},
  hostPorts: { http: 80, https: 443 },
})[0];

const recreateStep: Step = { kind: 'recreate', target: 'old', reason: 'config', container: hedgedoc };
const fixedSuffix = () => 'x';

describe('executeSteps', () => {
  it('runs every step in order through the executor map and reports progress', async () => {
    const engine = fakeEngine();
    const steps: Step[] = [
      { kind: 'pull', image: hedgedoc.image },
      { kind: 'createVolume', name: 'v', labels: {} },
      { kind: 'create', container: hedgedoc },
      { kind: 'start', serviceId: 'hedgedoc', target: hedgedoc.name },
    ];
    const progress: string[] = [];
    await executeSteps(steps, handlersOf(engine), (step, i, total) => progress.push(`${i}/${total} ${step.kind}`));
    assert.deepEqual(engine.calls, [
      `pull ${hedgedoc.image}`,
      'ensureVolume v',
      `create ${hedgedoc.name}`,
      `start ${hedgedoc.name}`,
    ]);
    assert.deepEqual(progress, ['0/4 pull', '1/4 createVolume', '2/4 create', '3/4 start']);
  });

  it('runs the new step kinds: restart is stop then start, volumes and service steps in plan order', async () => {
    const engine = fakeEngine();
    const steps: Step[] = [
      { kind: 'dropDatabases', serviceIds: ['hedgedoc'] },
      { kind: 'remove', serviceId: 'hedgedoc', target: 'h1', name: 'tl-hedgedoc' },
      { kind: 'removeVolume', name: 'tl-hedgedoc-uploads', serviceId: 'hedgedoc' },
      { kind: 'restart', serviceId: 'synapse', target: 's1', timeoutSec: 30 },
      { kind: 'waitHealthy', serviceIds: ['synapse'] },
      { kind: 'ensureDatabases', serviceIds: ['synapse'] },
      { kind: 'loadProxy' },
      { kind: 'ensureMatrixAdmin' },
    ];
    await executeSteps(steps, handlersOf(engine));
    assert.deepEqual(engine.calls, [
      'dropDatabases hedgedoc',
      'remove h1',
      'removeVolume tl-hedgedoc-uploads',
      'stop s1',
      'start s1',
      'waitHealthy synapse',
      'ensureDatabases synapse',
      'loadProxy',
      'ensureMatrixAdmin',
    ]);
  });

  it('stops at the first failure with an error naming the step, and runs nothing after it', async () => {
    const engine = fakeEngine({ pull: true });
    const steps: Step[] = [{ kind: 'pull', image: hedgedoc.image }, recreateStep];
    const error = await executeSteps(steps, handlersOf(engine)).catch((e: unknown) => e);
    assert.ok(error instanceof StepFailedError);
    assert.equal(error.stepIndex, 0);
    assert.match(error.message, /^download .*hedgedoc:1\.11\.1.* failed: pull/);
    assert.ok(error.cause instanceof EngineError);
    // The failed pull left the running container untouched: recreate never ran.
    assert.deepEqual(engine.calls, [`pull ${hedgedoc.image}`]);
  });
});

describe('recreate', () => {
  it('creates the replacement before stopping the old one, then swaps names and removes the old', async () => {
    const engine = fakeEngine();
    await createStepHandlers(engine, undefined, fixedSuffix).recreate(recreateStep);
    const next = `new:${hedgedoc.name}-next-x`;
    assert.deepEqual(engine.calls, [
      `create ${hedgedoc.name}-next-x`,
      'stop old',
      `rename old->${hedgedoc.name}-previous-x`,
      `rename ${next}->${hedgedoc.name}`,
      `start ${next}`,
      'remove old',
    ]);
  });

  it('leaves the old container running when the replacement cannot be created', async () => {
    const engine = fakeEngine({ create: true });
    await assert.rejects(createStepHandlers(engine).recreate(recreateStep), EngineConflictError);
    assert.deepEqual(engine.calls, [`create ${hedgedoc.name}-next-${engine.calls[0].split('-next-')[1]}`]);
  });

  it('puts the old container back when the replacement does not start', async () => {
    const next = `new:${hedgedoc.name}-next-x`;
    const engine = fakeEngine({ start: next });
    await assert.rejects(createStepHandlers(engine, undefined, fixedSuffix).recreate(recreateStep));
    assert.deepEqual(engine.calls.slice(-4), [
      `start ${next}`,
      `remove ${next}`,
      `rename old->${hedgedoc.name}`,
      'start old',
    ]);
  });
});

describe('EngineExecutor', () => {
  it('forwards pull progress as a percentage within the current step', async () => {
    const engine = fakeEngine();
    const seen: Array<[number, number]> = [];
    await new EngineExecutor(engine).run([{ kind: 'pull', image: 'a:1' }], fakeServices([]), (_s, i, _t, within) =>
      seen.push([i, within]),
    );
    assert.deepEqual(seen, [
      [0, 0],
      [0, 0.5],
    ]);
  });
});
