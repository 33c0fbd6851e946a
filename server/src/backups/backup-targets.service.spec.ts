import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JobFailure } from '../jobs/job-handler';
import { DataDirRepository } from '../platform/data-dir.repository';
import { targetErrorKey } from './backup-offsite.service';
import { probeProblem } from './backup-targets.service';
import { ResticError } from './restic.types';

describe('backup targets: what a person is told', () => {
  it('says why a new place could not be opened', () => {
    assert.equal(
      probeProblem(new ResticError('wrongPassword', 'wrong password or no key found')),
      'targetWrongPassword',
    );
    assert.equal(probeProblem(new ResticError('unreachable', 'connection refused')), 'targetUnreachable');
    assert.equal(probeProblem(new JobFailure('backupTimeout', { seconds: 120 })), 'targetUnreachable');
    const missing = 'invalid mount config for type "bind": bind source path does not exist: /mnt/usb';
    assert.equal(probeProblem(new ResticError('failed', missing)), 'targetMissingDirectory');
    assert.equal(probeProblem(new Error('boom')), 'targetFailed');
  });

  it('names a failed copy in off-site words', () => {
    assert.equal(targetErrorKey(new JobFailure('backupTargetUnreachable')), 'targetUnreachable');
    assert.equal(targetErrorKey(new JobFailure('backupTimeout', { seconds: 30 })), 'targetTimeout');
    assert.equal(targetErrorKey(new JobFailure('backupDumpFailed')), 'targetFailed');
  });

  it('keeps each secret file under the data directory, by a target id only', () => {
    const files = new DataDirRepository('/srv/tl');
    const id = '0b7f3f9e-58b1-4f8e-9f44-2d3c4b5a6978';
    assert.equal(files.backupTargetSecretFile(id), `/srv/tl/secrets/backup-targets/${id}`);
    assert.throws(() => files.backupTargetSecretFile('../../etc/passwd'), RangeError);
  });
});
