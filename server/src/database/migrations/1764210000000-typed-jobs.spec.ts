import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MIGRATIONS } from '../data-source';
import { migrationDatabase } from './migration.fixtures.spec';
import { TypedJobs1764210000000 } from './1764210000000-typed-jobs';

/** Job rows written by the previous version, migrated on a real SQLite file. */
describe('migration TypedJobs1764210000000', () => {
  const open = migrationDatabase('tl-typed-jobs-');

  it('keeps old errors as the detail of the key legacy, drops progress sentences, gives self-updates their kind', async () => {
    // Up to this migration, not the last one: later migrations come after it.
    const before = open(MIGRATIONS.slice(0, MIGRATIONS.indexOf(TypedJobs1764210000000)));
    await before.initialize();
    await before.runMigrations();
    const at = '2026-11-29 12:00:00.000';
    await before.query(
      `INSERT INTO "job" ("id","kind","target","state","progress","detail","error","created_at","updated_at") VALUES
       ('a','enable','pad','failed',40,'start hedgedoc','Not healthy: hedgedoc (running, unhealthy)','${at}','${at}'),
       ('b','restart','chat','succeeded',100,'restarted',NULL,'${at}','${at}'),
       ('c','update','appliance','running',75,'replacing the manager',NULL,'${at}','${at}')`,
    );
    await before.destroy();

    const afterwards = open(MIGRATIONS.slice(0, MIGRATIONS.indexOf(TypedJobs1764210000000) + 1));
    await afterwards.initialize();
    await afterwards.runMigrations();
    const rows = await afterwards.query<Record<string, unknown>[]>(`SELECT * FROM "job" ORDER BY "id"`);
    await afterwards.destroy();
    const pick = (row: Record<string, unknown>) => [
      row.kind,
      row.state,
      row.stage,
      row.stage_params,
      row.progress,
      row.error_key,
      row.error_detail,
      'detail' in row || 'error' in row,
    ];
    assert.deepEqual(rows.map(pick), [
      ['enable', 'failed', 'queued', '{}', 40, 'legacy', 'Not healthy: hedgedoc (running, unhealthy)', false],
      ['restart', 'succeeded', 'done', '{}', 100, null, null, false],
      ['selfUpdate', 'running', 'queued', '{}', 75, null, null, false],
    ]);
  });
});
