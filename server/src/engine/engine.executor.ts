import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EngineRepository } from './engine.repository';
import type { DesiredContainer, EngineStepKind, ServiceStepKind, Step, StepKind } from './engine.types';
import { stepStage } from './engine.step-progress';

/** The part of the repository the executor uses; tests pass a fake of just this. */
export type StepEngine = Pick<
  EngineRepository,
  | 'pullImage'
  | 'createNetwork'
  | 'ensureVolume'
  | 'createContainer'
  | 'start'
  | 'stop'
  | 'remove'
  | 'rename'
  | 'removeVolume'
>;

export type StepHandlers = { [K in StepKind]: (step: Extract<Step, { kind: K }>) => Promise<void> };
/** What the engine repository carries out alone. */
export type EngineStepHandlers = Pick<StepHandlers, EngineStepKind>;
/** What needs more than the engine (health, psql, Caddy, Synapse): given to the executor by its caller. */
export type ServiceStepHandlers = Pick<StepHandlers, ServiceStepKind>;

/** Step `index` of `total` is under way, `within` (0..1) of the way through (downloads report it). */
export type StepListener = (step: Step, index: number, total: number, within: number) => void;

/** The plan stopped at `step`; nothing after it ran. `cause` is the typed engine error. */
export class StepFailedError extends Error {
  constructor(
    readonly step: Step,
    readonly stepIndex: number,
    cause: unknown,
  ) {
    const { stage, params } = stepStage(step);
    super(`${stage} ${JSON.stringify(params)} failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'StepFailedError';
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
  onPullProgress: (percent: number) => void = () => undefined,
  // Unique beside the service's name; random rather than a time so two replacements never clash.
  suffix: () => string = () => randomBytes(4).toString('hex'),
): EngineStepHandlers {
  return {
    pull: (step) => engine.pullImage(step.image, (percent) => onPullProgress(percent)),
    createNetwork: (step) => engine.createNetwork(step.name, step.internal, step.labels),
    createVolume: (step) => engine.ensureVolume(step.name, step.labels),
    create: async (step) => {
      await engine.createContainer(step.container);
    },
    start: (step) => engine.start(step.target),
    stop: (step) => engine.stop(step.target, step.timeoutSec),
    remove: (step) => engine.remove(step.target),
    recreate: (step) => recreate(engine, step.target, step.container, suffix()),
    restart: async (step) => {
      await engine.stop(step.target, step.timeoutSec);
      await engine.start(step.target);
    },
    removeVolume: (step) => engine.removeVolume(step.name),
  };
}

function run<K extends StepKind>(handlers: StepHandlers, step: Extract<Step, { kind: K }>): Promise<void> {
  return (handlers[step.kind] as (s: Extract<Step, { kind: K }>) => Promise<void>)(step);
}

/** Runs steps in order, reporting each as it starts, and stops at the first failure with a StepFailedError. */
export async function executeSteps(
  steps: readonly Step[],
  handlers: StepHandlers,
  onStep: StepListener = () => undefined,
): Promise<void> {
  for (const [index, step] of steps.entries()) {
    onStep(step, index, steps.length, 0);
    try {
      await run(handlers, step);
    } catch (error) {
      throw new StepFailedError(step, index, error);
    }
  }
}

@Injectable()
export class EngineExecutor {
  constructor(@Inject(EngineRepository) private readonly engine: StepEngine) {}

  /** Executes a plan with the engine's handlers and the caller's; download progress is reported within its step. */
  async run(
    steps: readonly Step[],
    services: ServiceStepHandlers,
    onStep: StepListener = () => undefined,
  ): Promise<void> {
    let current = 0;
    const engine = createStepHandlers(this.engine, (percent) =>
      onStep(steps[current], current, steps.length, percent / 100),
    );
    await executeSteps(steps, { ...engine, ...services }, (step, index, total, within) => {
      current = index;
      onStep(step, index, total, within);
    });
  }
}
