import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  capabilitiesFor,
  isRemote,
  repositoryArg,
  resticMounts,
  restoredDataPath,
  safeFilename,
  safeRelative,
} from './restic.container';

describe('restic container', () => {
  it('gives each kind of call only the capabilities it needs', () => {
    assert.deepEqual(capabilitiesFor('repository', true), []);
    assert.deepEqual(capabilitiesFor('readAny', true), ['DAC_READ_SEARCH']);
    assert.deepEqual(capabilitiesFor('writeAny', true), ['CHOWN', 'DAC_OVERRIDE', 'FOWNER']);
    // A manager that is not root owns the repository: root in the container needs DAC_OVERRIDE for it.
    assert.deepEqual(capabilitiesFor('repository', false), ['DAC_OVERRIDE']);
  });

  it('names each target as restic does, the remote ones needing a network', () => {
    assert.equal(repositoryArg({ kind: 'local' }), '/data/backups/repository');
    assert.equal(repositoryArg({ kind: 'directory', path: '/mnt/disk' }), '/target');
    assert.equal(repositoryArg({ kind: 'rest', url: 'http://h:8000/' }), 'rest:http://h:8000/');
    assert.deepEqual(
      [{ kind: 'local' as const }, { kind: 'rest' as const, url: 'u' }, { kind: 's3' as const, url: 'u' }].map(
        isRemote,
      ),
      [false, true, true],
    );
  });

  it('mounts the data directory, a directory target and the volumes', () => {
    const data = { Type: 'volume', Source: 'tiers-lieux-data', Target: '/data-in-manager' };
    assert.deepEqual(
      resticMounts(data, { kind: 'directory', path: '/mnt/disk' }, [
        { volume: { name: 'v1' }, readOnly: true },
        { volume: { name: 'v2' }, readOnly: false, at: '/restore/volumes/old' },
      ]),
      [
        { Type: 'volume', Source: 'tiers-lieux-data', Target: '/data' },
        { Type: 'bind', Source: '/mnt/disk', Target: '/target' },
        { Type: 'volume', Source: 'v1', Target: '/volumes/v1', ReadOnly: true },
        { Type: 'volume', Source: 'v2', Target: '/restore/volumes/old', ReadOnly: false },
      ],
    );
  });

  it('refuses paths that leave the data directory and file names with separators', () => {
    assert.equal(safeRelative('./backups/staging/'), 'backups/staging');
    for (const bad of ['', '..', 'a/../b', '/', 'a//b']) assert.throws(() => safeRelative(bad), RangeError, bad);
    assert.equal(safeFilename('synapse.pgdump'), 'synapse.pgdump');
    for (const bad of ['../x', 'a/b', '.hidden', '']) assert.throws(() => safeFilename(bad), RangeError, bad);
    assert.equal(restoredDataPath('restore', 'secrets'), 'restore/data/secrets');
  });
});
