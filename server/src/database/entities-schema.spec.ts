import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { ENTITIES, MIGRATIONS } from './data-source';

interface TableColumn {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
}

/**
 * Every entity declares the columns its migrated table has, with the same names, types, nullability and
 * keys, and a default only where the table has one: the column helpers change how entities are written,
 * not the schema. (Foreign keys, indexes and the defaults that let a migration add a column live in the
 * migrations only.)
 */
describe('entities and migrated tables', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-entities-schema-'));
  const source = new DataSource({
    type: 'better-sqlite3',
    database: join(dir, 'appliance.sqlite'),
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
  });
  before(async () => {
    await source.initialize();
    await source.runMigrations();
  });
  after(async () => {
    await source.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const entity of ENTITIES) {
    it(`${entity.name} matches its table column by column`, async () => {
      const meta = source.getMetadata(entity);
      const table = await source.query<TableColumn[]>(`PRAGMA table_info("${meta.tableName}")`);
      const fromTable = table.map((c) => [c.name, c.type.toLowerCase(), c.notnull === 0, c.pk > 0]).sort();
      const fromEntity = meta.columns.map((c) => [c.databaseName, String(c.type), c.isNullable, c.isPrimary]).sort();
      assert.deepEqual(fromEntity, fromTable);
      const withDefault = new Set(table.filter((c) => c.dflt_value !== null).map((c) => c.name));
      for (const column of meta.columns.filter((c) => c.default != null)) {
        assert.ok(withDefault.has(column.databaseName), `${column.databaseName} has a default in the table too`);
      }
    });
  }
});
