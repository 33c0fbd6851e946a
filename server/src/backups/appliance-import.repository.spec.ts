import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { SessionEntity } from '../auth/session.entity';
import { createDataSource } from '../database/data-source';
import { completeInstallation, migratedDatabase } from '../setup/installation.fixtures.spec';
import { JobEntity, queuedJob } from '../jobs/job.entity';
import { DataDirRepository } from '../platform/data-dir.repository';
import { InstallationRepository } from '../setup/installation.repository';
import { UserEntity } from '../users/user.entity';
import { ApplianceImportRepository, ImportRefusedError } from './appliance-import.repository';

const NOW = new Date('2026-11-30T05:00:00.000Z');

function job(id: string): JobEntity {
  return { ...queuedJob(id, 'backupRestore', 'backups', NOW), state: 'running' };
}

/** Disaster recovery's import on real SQLite files, migrated as in production. */
describe('ApplianceImportRepository: the old manager database into a new one', () => {
  const root = mkdtempSync(join(tmpdir(), 'tl-import-spec-'));
  const oldDir = join(root, 'old');
  const newDir = join(root, 'new');
  let old: DataSource;
  let live: DataSource;

  before(async () => {
    old = await migratedDatabase(oldDir);
    live = await migratedDatabase(newDir);
    await completeInstallation(old, { applianceId: 'c0ffee01', now: NOW, enabled: ['chat'] });
    await old.getRepository(JobEntity).insert(job('old-job'));
    // A signed-in admin: sessions point at users (a foreign key), and sort before them by name.
    await old.getRepository(SessionEntity).insert({
      tokenHash: 'h',
      userId: 'u1',
      csrfToken: 'c',
      createdAt: NOW,
      expiresAt: NOW,
    });
    await live.getRepository(JobEntity).insert(job('recovery-job'));
  });

  after(async () => {
    await old.destroy();
    await live.destroy();
    rmSync(root, { recursive: true, force: true });
  });

  it('copies settings, admins and features over (online copy of a live database), and keeps the live jobs', async () => {
    // What a backup stores: SQLite's online backup, taken while the old manager had it open.
    const copy = join(oldDir, 'backups', 'staging', 'appliance.sqlite');
    await new DataDirRepository(oldDir).backupDatabase(copy);
    const tables = await new ApplianceImportRepository(live, new DataDirRepository(newDir)).importDatabase(copy);
    assert.ok(tables.includes('installation') && tables.includes('user') && !tables.includes('job'));
    const installation = await new InstallationRepository(live).get();
    assert.equal(installation?.applianceId, 'c0ffee01');
    assert.deepEqual(
      (await new InstallationRepository(live).features()).map((f) => [f.id, f.enabled]),
      [['chat', true]],
    );
    const admins = await live.getRepository(UserEntity).find();
    assert.deepEqual(
      admins.map((u) => [u.username, u.passwordHash]),
      [['camille', 'hash']],
    );
    assert.equal(await live.getRepository(SessionEntity).count(), 1);
    assert.deepEqual(
      (await live.getRepository(JobEntity).find()).map((j) => j.id),
      ['recovery-job'],
    );
  });

  it('refuses a file that is not a manager database, and leaves the live one as it was', async () => {
    const other = createDataSource(join(root, 'other'));
    await other.initialize();
    await other.query('CREATE TABLE notes (text TEXT)');
    await other.destroy();
    await assert.rejects(
      new ApplianceImportRepository(live, new DataDirRepository(newDir)).importDatabase(
        join(root, 'other', 'appliance.sqlite'),
      ),
      (err: unknown) => err instanceof ImportRefusedError && err.reason === 'notADatabase',
    );
    assert.equal((await new InstallationRepository(live).get())?.applianceId, 'c0ffee01');
  });
});
