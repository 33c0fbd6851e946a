import type { DataSource } from 'typeorm';
import type { Feature } from '../catalog/catalog.types';
import { createDataSource } from '../database/data-source';
import { InstallationRepository } from './installation.repository';

/** A real SQLite database in `dir`, migrated as in production. */
export async function migratedDatabase(dir: string): Promise<DataSource> {
  const db = createDataSource(dir);
  await db.initialize();
  await db.runMigrations();
  return db;
}

/**
 * A finished setup straight into the database: La Fabrique on fabrique.test, `enabled` features on and
 * `disabled` ones off, one admin (camille, id `u1`, password hash `hash`).
 */
export async function completeInstallation(
  db: DataSource,
  setup: { applianceId: string; now: Date; enabled?: Feature[]; disabled?: Feature[] },
): Promise<void> {
  const { applianceId, now, enabled = [], disabled = [] } = setup;
  await new InstallationRepository(db).complete(
    {
      id: 1,
      communityName: 'La Fabrique',
      color: '#336699',
      logo: null,
      domain: 'fabrique.test',
      language: 'fr',
      applianceId,
      startingRooms: null,
      completedAt: now,
      firstStepsDismissedAt: null,
    },
    [
      ...enabled.map((id) => ({ id, enabled: true, desiredRunning: true, updatedAt: now })),
      ...disabled.map((id) => ({ id, enabled: false, desiredRunning: true, updatedAt: now })),
    ],
    {
      id: 'u1',
      username: 'camille',
      email: 'c@fabrique.test',
      passwordHash: 'hash',
      role: 'admin',
      status: 'active',
      displayName: null,
      createdAt: now,
    },
  );
}
