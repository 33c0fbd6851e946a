import { DataSource } from 'typeorm';
import { SessionEntity } from '../auth/session.entity';
import { FeatureSettingEntity } from '../features/feature-setting.entity';
import { InstallationEntity } from '../setup/installation.entity';
import { InvitationEntity } from '../users/invitation.entity';
import { UserEntity } from '../users/user.entity';
import { Initial1763700000000 } from './migrations/1763700000000-initial';
import { Services1763800000000 } from './migrations/1763800000000-services';
import { JobEntity } from '../jobs/job.entity';
import { ComponentEntity } from '../services/component.entity';
import { ImageRecordEntity } from '../images/image-record.entity';
import { ImageRecords1764100000000 } from './migrations/1764100000000-image-records';
import { DataDirRepository } from '../platform/data-dir.repository';
import { FeatureRequests1764200000000 } from './migrations/1764200000000-feature-requests';
import { TypedJobs1764210000000 } from './migrations/1764210000000-typed-jobs';
import { BackupRuns1764310000000 } from './migrations/1764310000000-backup-runs';
import { BackupRunEntity } from '../backups/backup-run.entity';
import { BackupSettingsEntity } from '../backups/backup-settings.entity';
import { BackupSettings1764320000000 } from './migrations/1764320000000-backup-settings';
import { BackupTargetEntity } from '../backups/backup-target.entity';
import { BackupTargets1764335000000 } from './migrations/1764335000000-backup-targets';
import { BackupTargetS31764720000000 } from './migrations/1764720000000-backup-target-s3';
import { MemberInvitationEntity } from '../members/member-invitation.entity';
import { Members1764400000000 } from './migrations/1764400000000-members';
import { OidcPayloadEntity } from '../oidc/oidc-payload.entity';
import { Oidc1764520000000 } from './migrations/1764520000000-oidc';
import { MailSettingsEntity } from '../mail/mail-settings.entity';
import { PasswordResetEntity } from '../mail/password-reset.entity';
import { Mail1764600000000 } from './migrations/1764600000000-mail';
import { EnrollmentTokenEntity } from '../fleet/enrollment-token.entity';
import { FleetApplianceEntity } from '../fleet/fleet-appliance.entity';
import { FleetCommandEntity } from '../fleet/fleet-command.entity';
import { LinkNonceEntity } from '../fleet/link-nonce.entity';
import { Fleet1764700000000 } from './migrations/1764700000000-fleet';
import { FederationLinkEntity } from '../federation/federation-link.entity';
import { FederationCommandEntity } from '../federation/federation-command.entity';
import { Federation1764710000000 } from './migrations/1764710000000-federation';
import { StartingRooms1764730000000 } from './migrations/1764730000000-starting-rooms';
import { SignUpSettingsEntity } from '../members/sign-up-settings.entity';
import { SignUp1764800000000 } from './migrations/1764800000000-sign-up';
import { FleetOffsite1764900000000 } from './migrations/1764900000000-fleet-offsite';
import { FirstSteps1765100000000 } from './migrations/1765100000000-first-steps';
import { OffsiteCredentialEntity } from '../fleet/offsite-credential.entity';
import { LinkOffsiteConfirm1765000000000 } from './migrations/1765000000000-link-offsite-confirm';
import { PostgresInitial1764900000000 } from './migrations-postgres/1764900000000-postgres-initial';
import { PostgresLinkOffsiteConfirm1765000000000 } from './migrations-postgres/1765000000000-link-offsite-confirm';
import { PostgresFirstSteps1765100000000 } from './migrations-postgres/1765100000000-first-steps';

export const ENTITIES = [
  InstallationEntity,
  FeatureSettingEntity,
  UserEntity,
  SessionEntity,
  InvitationEntity,
  JobEntity,
  ComponentEntity,
  ImageRecordEntity,
  BackupRunEntity,
  BackupSettingsEntity,
  BackupTargetEntity,
  MemberInvitationEntity,
  OidcPayloadEntity,
  MailSettingsEntity,
  PasswordResetEntity,
  // The upstream's fleet (fleet/).
  EnrollmentTokenEntity,
  FleetApplianceEntity,
  LinkNonceEntity,
  FleetCommandEntity,
  FederationLinkEntity,
  FederationCommandEntity,
  SignUpSettingsEntity,
  OffsiteCredentialEntity,
];
export const MIGRATIONS = [
  Initial1763700000000,
  Services1763800000000,
  ImageRecords1764100000000,
  FeatureRequests1764200000000,
  TypedJobs1764210000000,
  BackupRuns1764310000000,
  BackupSettings1764320000000,
  BackupTargets1764335000000,
  Members1764400000000,
  Oidc1764520000000,
  Mail1764600000000,
  Fleet1764700000000,
  Federation1764710000000,
  BackupTargetS31764720000000,
  StartingRooms1764730000000,
  SignUp1764800000000,
  FleetOffsite1764900000000,
  LinkOffsiteConfirm1765000000000,
  FirstSteps1765100000000,
];

/** The Postgres schema: one migration for all of the above, then each later change in both lists. */
export const POSTGRES_MIGRATIONS = [
  PostgresInitial1764900000000,
  PostgresLinkOffsiteConfirm1765000000000,
  PostgresFirstSteps1765100000000,
];

/**
 * SQLite (better-sqlite3) in WAL mode under the data directory, or the Postgres at `databaseUrl` (an
 * upstream only, config/database-url.ts); schema only through migrations.
 */
export function createDataSource(dataDir: string, databaseUrl?: string): DataSource {
  if (databaseUrl) return createPostgresDataSource(databaseUrl);
  const files = new DataDirRepository(dataDir);
  files.ensureDir();
  return new DataSource({
    type: 'better-sqlite3',
    database: files.databaseFile,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    enableWAL: true,
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      // In WAL mode NORMAL stays consistent after a crash or power cut (it may lose the last commits,
      // never corrupt) and spares an fsync per commit: the upstream's heartbeat writes, and an SD card.
      db.pragma('synchronous = NORMAL');
    },
  });
}

interface PgTypes {
  setTypeParser(oid: number, parse: (text: string) => unknown): void;
}

function createPostgresDataSource(url: string): DataSource {
  const source = new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: POSTGRES_MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    // Several upstream processes share one server: a small pool each.
    extra: { max: 10 },
  });
  // The entities say `datetime` (SQLite's name); the migrations make it timestamptz, which pg reads
  // back as a Date, and TypeORM writes a Date for either name.
  source.driver.supportedDataTypes.push('datetime' as never);
  // bigint (the integers, COUNT(*)) as a number, as the entities declare it: sizes stay below 2^53.
  const pg = (source.driver as unknown as { postgres: { types: PgTypes } }).postgres;
  pg.types.setTypeParser(20, Number);
  return source;
}
