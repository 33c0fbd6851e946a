import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JobFailure } from '../jobs/job-handler';
import { backupFailure } from './backup-failure';
import { ResticError } from './restic.types';

describe('backup failures', () => {
  it('names the restic reason and the part, the detail apart', () => {
    const failure = backupFailure(new ResticError('diskFull', 'no space left on device'), {
      kind: 'volume',
      service: 'synapse',
      volume: 'tl-x-synapse-data',
    });
    assert.equal(failure.key, 'backupDiskFull');
    assert.deepEqual(failure.params, { service: 'synapse', volume: 'tl-x-synapse-data' });
    assert.equal(failure.detail, 'no space left on device');
  });

  it('keeps a JobFailure as it is and turns anything else into backupFailed', () => {
    const dump = new JobFailure('backupDumpFailed', { database: 'synapse' }, 'exit 1');
    assert.equal(backupFailure(dump, undefined), dump);
    const other = backupFailure(new Error('boom'), { kind: 'appliance' });
    assert.deepEqual([other.key, other.params, other.detail], ['backupFailed', { service: 'appliance' }, 'boom']);
  });

  it('maps a timeout and a hung target apart', () => {
    assert.equal(backupFailure(new ResticError('timeout', 'x'), undefined).key, 'backupTimeout');
    assert.equal(backupFailure(new ResticError('unreachable', 'x'), undefined).key, 'backupTargetUnreachable');
    assert.equal(backupFailure(new ResticError('locked', 'x'), undefined).key, 'backupLocked');
  });
});
