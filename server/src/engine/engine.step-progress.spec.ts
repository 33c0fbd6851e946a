import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JOB_STAGES } from '../jobs/job-progress';
import { stepProgress, stepStage } from './engine.step-progress';
import type { Step } from './engine.types';

const steps: Step[] = [
  { kind: 'pull', image: 'caddy:2.11.4' },
  { kind: 'dropDatabases', serviceIds: ['hedgedoc', 'nextcloud'] },
  { kind: 'remove', serviceId: undefined, target: 'c1', name: 'tl-old' },
  { kind: 'removeVolume', name: 'tl-x-hedgedoc-uploads', serviceId: 'hedgedoc' },
  { kind: 'restart', serviceId: 'synapse', target: 'c2', timeoutSec: 30 },
  { kind: 'waitHealthy', serviceIds: ['synapse'] },
  { kind: 'loadProxy' },
];

describe('step progress', () => {
  it('names a stage key the web app translates, with names only as parameters', () => {
    assert.deepEqual(
      steps.map((s) => stepStage(s)),
      [
        { stage: 'download', params: { image: 'caddy:2.11.4' } },
        { stage: 'dropDatabases', params: { services: 'hedgedoc,nextcloud' } },
        { stage: 'remove', params: { service: 'tl-old' } },
        { stage: 'removeVolume', params: { volume: 'tl-x-hedgedoc-uploads' } },
        { stage: 'restart', params: { service: 'synapse' } },
        { stage: 'health', params: { services: 'synapse' } },
        { stage: 'proxy', params: {} },
      ],
    );
    for (const s of steps) assert.ok((JOB_STAGES as readonly string[]).includes(stepStage(s).stage));
  });

  it('places the percent by the step’s position in the plan, within the caller’s range', () => {
    assert.equal(stepProgress(steps[0], 0, 4).percent, 0);
    assert.equal(stepProgress(steps[0], 0, 4, 0.5).percent, 13);
    assert.equal(stepProgress(steps[1], 2, 4).percent, 50);
    assert.equal(stepProgress(steps[1], 2, 4, 0, { from: 60, to: 100 }).percent, 80);
  });
});
