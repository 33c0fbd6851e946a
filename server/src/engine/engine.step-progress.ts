import { planPercent, type JobProgress, type JobStage, type JobStageParams } from '../jobs/job-progress';
import type { Step } from './engine.steps';

/** Names only: a list of service ids becomes one comma-separated parameter. */
const names = (ids: readonly string[]) => ids.join(',');

/** The stage key and parameters a person sees for a step (translated by the web app). */
export function stepStage(step: Step): { stage: JobStage; params: JobStageParams } {
  switch (step.kind) {
    case 'pull':
      return { stage: 'download', params: { image: step.image } };
    case 'createNetwork':
      return { stage: 'createNetwork', params: { network: step.name } };
    case 'createVolume':
      return { stage: 'createVolume', params: { volume: step.name } };
    case 'create':
      return { stage: 'create', params: { service: step.container.serviceId } };
    case 'start':
      return { stage: 'start', params: { service: step.serviceId } };
    case 'stop':
      return { stage: 'stop', params: { service: step.serviceId ?? step.name } };
    case 'remove':
      return { stage: 'remove', params: { service: step.serviceId ?? step.name } };
    case 'recreate':
      return { stage: 'replace', params: { service: step.container.serviceId, image: step.container.image } };
    case 'restart':
      return { stage: 'restart', params: { service: step.serviceId } };
    case 'removeVolume':
      return { stage: 'removeVolume', params: { volume: step.name } };
    case 'waitHealthy':
      return { stage: 'health', params: { services: names(step.serviceIds) } };
    case 'ensureDatabases':
      return { stage: 'databases', params: { services: names(step.serviceIds) } };
    case 'dropDatabases':
      return { stage: 'dropDatabases', params: { services: names(step.serviceIds) } };
    case 'loadProxy':
      return { stage: 'proxy', params: {} };
    case 'ensureMatrixAdmin':
      return { stage: 'matrixAdmin', params: {} };
    default: {
      const unknown: never = step;
      throw new Error(`unknown step ${JSON.stringify(unknown)}`);
    }
  }
}

/** Where a plan is: step `index` of `total`, `within` (0..1) of the way through it, mapped into [from, to]. */
export interface PlanRange {
  from: number;
  to: number;
}

export function stepProgress(step: Step, index: number, total: number, within = 0, range?: PlanRange): JobProgress {
  return { ...stepStage(step), percent: planPercent(index, total, within, range?.from, range?.to) };
}
