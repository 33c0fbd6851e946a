import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiException } from '../common/api-error';
import { JobFailure } from '../jobs/job-handler';
import { ResticError } from './restic.types';
import { placeReadProblem, placeRefusal } from './target-read';

describe('reading a place to restore from it', () => {
  it('names what a person can act on', () => {
    assert.equal(placeReadProblem(new ResticError('noRepository', 'Is there a repository')), 'targetNoRepository');
    assert.equal(placeReadProblem(new ResticError('wrongPassword', 'wrong password')), 'targetWrongPassword');
    assert.equal(placeReadProblem(new ResticError('unreachable', 'connection refused')), 'targetUnreachable');
    assert.equal(placeReadProblem(new JobFailure('backupTimeout', { seconds: 30 })), 'targetUnreachable');
    assert.equal(
      placeReadProblem(new ResticError('failed', 'bind source path does not exist: /mnt/usb')),
      'targetMissingDirectory',
    );
    assert.equal(placeReadProblem(new Error('boom')), 'targetFailed');
  });

  it('answers 404 for what is not there, 502 for a place that cannot be read, the code on the field target', () => {
    const body = (e: ApiException) => e.getResponse() as { errors: Array<{ field: string; code: string }> };
    for (const [problem, status] of [
      ['targetNotFound', 404],
      ['targetNoRepository', 404],
      ['pointNotAtTarget', 404],
      ['targetUnreachable', 502],
      ['targetWrongPassword', 502],
    ] as const) {
      const refusal = placeRefusal(problem);
      assert.equal(refusal.getStatus(), status, problem);
      assert.deepEqual(
        body(refusal).errors.map((e) => [e.field, e.code]),
        [['target', problem]],
      );
    }
  });
});
