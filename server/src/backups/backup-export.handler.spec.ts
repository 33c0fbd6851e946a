import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JobFailure } from '../jobs/job-handler';
import type { JobOptions } from '../jobs/job.types';
import { exportOptions } from './backup-export.handler';

describe('backup export: the job options', () => {
  it('takes a feature and a point id, and carries no passphrase', () => {
    assert.deepEqual(exportOptions({ feature: 'pad', point: '0b1c2d3e-aaaa-bbbb-cccc-0123456789ab' }), {
      feature: 'pad',
      point: '0b1c2d3e-aaaa-bbbb-cccc-0123456789ab',
    });
  });

  it('refuses anything else (a hand-made queue entry): an unknown feature, a point that is not an id', () => {
    const refused: JobOptions[] = [
      { feature: 'appliance', point: 'abcdef0123' },
      { feature: 'pad', point: '--tag=x' },
      {},
    ];
    for (const options of refused) {
      assert.throws(() => exportOptions(options), JobFailure, JSON.stringify(options));
    }
  });
});
