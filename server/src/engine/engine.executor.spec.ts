import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testContext } from '../catalog/catalog.fixtures.spec';
import { desiredContainers } from './desired-state';
import { EngineConflictError, EngineError } from './engine.errors';
import { createStepHandlers, EngineExecutor, executeSteps, StepFailedError, type StepEngine } from './engine.executor';
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
  };
}

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
    await executeSteps(steps, createStepHandlers(engine), (i, total, d) =>
      progress.push(`${i}/${total} ${d.description}`),
    );
    assert.deepEqual(engine.calls, [
      `pull ${hedgedoc.image}`,
      'ensureVolume v',
      `create ${hedgedoc.name}`,
      `start ${hedgedoc.name}`,
    ]);
    assert.equal(progress[0], `0/4 download ${hedgedoc.image}`);
    assert.equal(progress.at(-1), '4/4 done');
  });

  it('stops at the first failure with an error naming the step, and runs nothing after it', async () => {
    const engine = fakeEngine({ pull: true });
    const steps: Step[] = [{ kind: 'pull', image: hedgedoc.image }, recreateStep];
    const error = await executeSteps(steps, createStepHandlers(engine)).catch((e: unknown) => e);
    assert.ok(error instanceof StepFailedError);
    assert.equal(error.stepIndex, 0);
    assert.match(error.message, /^download quay\.io\/hedgedoc\/hedgedoc:1\.11\.1 failed: pull/);
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
    const seen: Array<[number, number | undefined]> = [];
    await new EngineExecutor(engine).run([{ kind: 'pull', image: 'a:1' }], (i, _t, d) => seen.push([i, d.percent]));
    assert.deepEqual(seen, [
      [0, undefined],
      [0, 50],
      [1, undefined],
    ]);
  });
});
