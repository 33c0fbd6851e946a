import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { DataSource } from 'typeorm';
import { ENTITIES } from '../data-source';

/**
 * A real SQLite file for one migration spec, removed after its describe. `open(migrations)` gives a
 * data source that knows only those migrations: an older version's database, then the step itself.
 */
export function migrationDatabase(prefix: string): (migrations: readonly unknown[]) => DataSource {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return (migrations) =>
    new DataSource({
      type: 'better-sqlite3',
      database: join(dir, 'appliance.sqlite'),
      entities: ENTITIES,
      migrations: migrations as DataSource['options']['migrations'],
      synchronize: false,
    });
}
