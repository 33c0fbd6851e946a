import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testContext } from '../catalog/catalog.fixtures.spec';
import { postgresDumpCommand } from '../catalog/postgres.catalog';
import { BACKUP_HINTS, dumpFilename, partTags, planBackup, scopeOfService } from './backup-plan';

describe('backup plan', () => {
  const ctx = testContext();
  const chat = ['proxy', 'postgres', 'synapse', 'element'] as const;

  it('saves a feature’s databases, then its volumes, then the manager’s own files; not the infrastructure', () => {
    assert.deepEqual(planBackup(ctx, chat, ['chat', 'pad', 'files', 'appliance']), [
      { kind: 'database', service: 'synapse', database: 'synapse' },
      { kind: 'volume', service: 'synapse', volume: 'tl-tl1-synapse-data' },
      { kind: 'appliance' },
    ]);
  });

  it('keeps to the scopes asked, and to enabled services', () => {
    assert.deepEqual(planBackup(ctx, chat, ['pad']), []);
    assert.deepEqual(planBackup(ctx, [...chat, 'hedgedoc'], ['pad']), [
      { kind: 'database', service: 'hedgedoc', database: 'hedgedoc' },
      { kind: 'volume', service: 'hedgedoc', volume: 'tl-tl1-hedgedoc-uploads' },
    ]);
    assert.deepEqual(planBackup(ctx, chat, ['appliance']), [{ kind: 'appliance' }]);
  });

  it('tags each part with its run, service and kind; names dumps after their database', () => {
    assert.deepEqual(partTags('r1', { kind: 'database', service: 'synapse', database: 'synapse' }), [
      'run=r1',
      'service=synapse',
      'kind=database',
    ]);
    assert.deepEqual(partTags('r1', { kind: 'appliance' }), ['run=r1', 'service=appliance', 'kind=appliance']);
    assert.equal(dumpFilename('synapse'), 'synapse.pgdump');
  });

  it('dumps Synapse without its consumed one-time keys, in the custom format; refuses unsafe names', () => {
    assert.deepEqual(postgresDumpCommand('synapse', BACKUP_HINTS.synapse?.excludeTableData), [
      'pg_dump',
      '--username',
      'postgres',
      '--format=custom',
      '--exclude-table-data',
      'e2e_one_time_keys_json',
      '--dbname',
      'synapse',
    ]);
    assert.throws(() => postgresDumpCommand('x; drop'), RangeError);
    assert.deepEqual(BACKUP_HINTS.synapse?.excludePaths, [
      'media_store/remote_content',
      'media_store/remote_thumbnail',
    ]);
  });

  it('maps a service tag back to its feature', () => {
    assert.deepEqual(['synapse', 'hedgedoc', 'nextcloud', 'appliance', 'postgres', 'unknown'].map(scopeOfService), [
      'chat',
      'pad',
      'files',
      'appliance',
      undefined,
      undefined,
    ]);
  });
});
