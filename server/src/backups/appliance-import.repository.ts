import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Tables disaster recovery leaves as they are in the live database: the migrations' own record (both
 * databases must already have the same), and the jobs (the recovery's own job runs in this database).
 */
const KEPT_LIVE = new Set(['migrations', 'job']);

export class ImportRefusedError extends Error {
  constructor(
    readonly reason: 'otherVersion' | 'notADatabase',
    detail: string,
  ) {
    super(detail);
    this.name = 'ImportRefusedError';
  }
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Disaster recovery's way into the live database: the manager's own database, restored from a backup
 * (a file made by SQLite's online backup), is attached to the live connection and its rows copied over
 * table by table in one transaction. The live file is never replaced under the running manager.
 */
@Injectable()
export class ApplianceImportRepository {
  constructor(private readonly dataSource: DataSource) {}

  async importDatabase(copyPath: string): Promise<string[]> {
    await this.dataSource.query('ATTACH DATABASE ? AS restored', [copyPath]);
    try {
      const names = (rows: Array<{ name: string }>) => rows.map((r) => r.name);
      const restoredTables = names(
        await this.dataSource.query<Array<{ name: string }>>(
          "SELECT name FROM restored.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        ),
      );
      if (!restoredTables.includes('migrations'))
        throw new ImportRefusedError('notADatabase', `${copyPath} is not a database of this manager`);
      const migrations = (schema: string) =>
        this.dataSource.query<Array<{ name: string }>>(`SELECT name FROM ${schema}.migrations ORDER BY timestamp`);
      const [live, restored] = [names(await migrations('main')), names(await migrations('restored'))];
      if (JSON.stringify(live) !== JSON.stringify(restored)) {
        throw new ImportRefusedError(
          'otherVersion',
          `the backup was made by a manager with other migrations (${restored.at(-1) ?? 'none'}; this one: ${live.at(-1) ?? 'none'})`,
        );
      }
      const tables = restoredTables.filter((t) => !KEPT_LIVE.has(t));
      await this.dataSource.transaction(async (manager) => {
        for (const table of tables) {
          await manager.query(`DELETE FROM main.${quoted(table)}`);
          await manager.query(`INSERT INTO main.${quoted(table)} SELECT * FROM restored.${quoted(table)}`);
        }
      });
      return tables;
    } finally {
      await this.dataSource.query('DETACH DATABASE restored');
    }
  }
}
