import { Inject, Injectable } from '@nestjs/common';
import { EngineRepository } from './engine.repository';
import type { DesiredContainer, Step, StepKind } from './engine.types';

/** The part of the repository the executor uses; tests pass a fake of just this. */
export type StepEngine = Pick<
  EngineRepository,
  'pullImage' | 'createNetwork' | 'ensureVolume' | 'createContainer' | 'start' | 'stop' | 'remove' | 'rename'
>;

export interface StepProgressDetail {
  step: Step;
  description: string;
  /** Within the step (image pulls); the step index says where the plan is. */
  percent?: number;
}

export type ProgressCallback = (stepIndex: number, total: number, detail: StepProgressDetail) => void;

export type StepHandlers = { [K in StepKind]: (step: Extract<Step, { kind: K }>) => Promise<void> };

/** The plan stopped at `step`; nothing after it ran. `cause` is the typed engine error. */
export class StepFailedError extends Error {
  constructor(
    readonly step: Step,
    readonly stepIndex: number,
    cause: unknown,
  ) {
    super(`${describeStep(step)} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'StepFailedError';
  }
}

/** One line a volunteer can read in a job's progress or error. */
export function describeStep(step: Step): string {
  switch (step.kind) {
    case 'pull':
      return `download ${step.image}`;
    case 'createNetwork':
      return `create network ${step.name}`;
    case 'createVolume':
      return `create volume ${step.name}`;
    case 'create':
      return `create ${step.container.serviceId} (${step.container.name})`;
    case 'start':
      return `start ${step.serviceId}`;
    case 'stop':
      return `stop ${step.serviceId ?? step.name}`;
    case 'remove':
      return `remove container ${step.name}`;
    case 'recreate':
      return `replace ${step.container.serviceId} (${step.reason} changed)`;
    default: {
      const unknown: never = step;
      throw new Error(`unknown step ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * Replaces a container without losing the old one on failure: the new one is created (files written)
 * while the old one still runs; only then is the old one stopped and renamed aside. If the new one
 * does not start, it is removed and the old one gets its name back and is started again.
 */
async function recreate(engine: StepEngine, oldId: string, container: DesiredContainer, suffix: string): Promise<void> {
  const restoreOld = async (): Promise<void> => {
    if (container.desiredState === 'running') await engine.start(oldId).catch(() => undefined);
  };
  const newId = await engine.createContainer({ ...container, name: `${container.name}-next-${suffix}` });
  try {
    await engine.stop(oldId, container.stopTimeoutSec);
    await engine.rename(oldId, `${container.name}-previous-${suffix}`);
  } catch (error) {
    await engine.remove(newId).catch(() => undefined);
    await restoreOld();
    throw error;
  }
  try {
    await engine.rename(newId, container.name);
    if (container.desiredState === 'running') await engine.start(newId);
  } catch (error) {
    await engine.remove(newId).catch(() => undefined);
    await engine.rename(oldId, container.name).catch(() => undefined);
    await restoreOld();
    throw error;
  }
  await engine.remove(oldId);
}

export function createStepHandlers(
  engine: StepEngine,
  onPullProgress: (percent: number, detail: string) => void = () => undefined,
  suffix: () => string = () => Date.now().toString(36),
): StepHandlers {
  return {
    pull: (step) => engine.pullImage(step.image, onPullProgress),
    createNetwork: (step) => engine.createNetwork(step.name, step.internal, step.labels),
    createVolume: (step) => engine.ensureVolume(step.name, step.labels),
    create: async (step) => {
      await engine.createContainer(step.container);
    },
    start: (step) => engine.start(step.target),
    stop: (step) => engine.stop(step.target, step.timeoutSec),
    remove: (step) => engine.remove(step.target),
    recreate: (step) => recreate(engine, step.target, step.container, suffix()),
  };
}

function run<K extends StepKind>(handlers: StepHandlers, step: Extract<Step, { kind: K }>): Promise<void> {
  return (handlers[step.kind] as (s: Extract<Step, { kind: K }>) => Promise<void>)(step);
}

/** Runs steps in order, reporting progress, and stops at the first failure with a StepFailedError. */
export async function executeSteps(
  steps: readonly Step[],
  handlers: StepHandlers,
  onProgress: ProgressCallback = () => undefined,
): Promise<void> {
  for (const [index, step] of steps.entries()) {
    onProgress(index, steps.length, { step, description: describeStep(step) });
    try {
      await run(handlers, step);
    } catch (error) {
      throw new StepFailedError(step, index, error);
    }
  }
  if (steps.length > 0) onProgress(steps.length, steps.length, { step: steps[steps.length - 1], description: 'done' });
}

@Injectable()
export class EngineExecutor {
  constructor(@Inject(EngineRepository) private readonly engine: StepEngine) {}

  /** Executes a plan; pull progress is reported as `percent` within the current step. */
  async run(steps: readonly Step[], onProgress: ProgressCallback = () => undefined): Promise<void> {
    let current = 0;
    const handlers = createStepHandlers(this.engine, (percent, detail) =>
      onProgress(current, steps.length, { step: steps[current], description: detail, percent }),
    );
    await executeSteps(steps, handlers, (index, total, detail) => {
      current = Math.min(index, steps.length - 1);
      onProgress(index, total, detail);
    });
  }
}
