import { Injectable } from '@nestjs/common';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DataSource } from 'typeorm';
import { DataDirRepository } from '../platform/data-dir.repository';

/** The manager's database file name, as the online copy in a backup keeps it. */
const DATABASE_FILE = 'appliance.sqlite';
const SECRETS_DIR = 'secrets';

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
  constructor(
    private readonly dataSource: DataSource,
    private readonly files: DataDirRepository,
  ) {}

  /**
   * Where a restored copy of the manager's files (restic's restore of the appliance part, under the data
   * directory) holds the database and the secrets directory, wherever the backup staged them.
   */
  findRestored(relativeDir: string): { database: string | undefined; secrets: string | undefined } {
    const found: { database: string | undefined; secrets: string | undefined } = {
      database: undefined,
      secrets: undefined,
    };
    const walk = (dir: string, depth: number): void => {
      if (depth > 6) return;
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isFile() && entry.name === DATABASE_FILE) found.database ??= path;
        else if (entry.isDirectory() && entry.name === SECRETS_DIR) found.secrets ??= path;
        else if (entry.isDirectory()) walk(path, depth + 1);
      }
    };
    walk(join(this.files.root, relativeDir), 0);
    return found;
  }

  /** The restored secrets (service secrets, the chat admin's record, the backup password) over the live ones, 0600. */
  importSecrets(dir: string): string[] {
    const names = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && !e.name.startsWith('.'))
      .map((e) => e.name);
    for (const name of names)
      this.files.writeAtomic(join(this.files.secretsDir, basename(name)), readFileSync(join(dir, name)));
    return names;
  }

  /** Tables ordered so that each comes after those its foreign keys point at. */
  private async parentsFirst(tables: readonly string[]): Promise<string[]> {
    const parents = new Map<string, string[]>();
    for (const table of tables) {
      const keys = await this.dataSource.query<Array<{ table: string }>>(
        `SELECT "table" FROM pragma_foreign_key_list(?, 'restored')`,
        [table],
      );
      parents.set(
        table,
        keys.map((k) => k.table).filter((t) => t !== table && tables.includes(t)),
      );
    }
    const ordered: string[] = [];
    const visit = (table: string, depth: number): void => {
      if (ordered.includes(table) || depth > tables.length) return;
      for (const parent of parents.get(table) ?? []) visit(parent, depth + 1);
      if (!ordered.includes(table)) ordered.push(table);
    };
    for (const table of tables) visit(table, 0);
    return ordered;
  }

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
      const tables = await this.parentsFirst(restoredTables.filter((t) => !KEPT_LIVE.has(t)));
      await this.dataSource.transaction(async (manager) => {
        // Children go first and come back last: sessions and invitations point at users.
        for (const table of [...tables].reverse()) await manager.query(`DELETE FROM main.${quoted(table)}`);
        for (const table of tables)
          await manager.query(`INSERT INTO main.${quoted(table)} SELECT * FROM restored.${quoted(table)}`);
      });
      return tables;
    } finally {
      await this.dataSource.query('DETACH DATABASE restored');
    }
  }
}
