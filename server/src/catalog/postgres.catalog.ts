import type { DatabaseSpec, ServiceDefinition } from './catalog.types';
import { SECRETS_DIR, secretFile } from './secret-files';

export const POSTGRES_PORT = 5432;
export const POSTGRES_HOST = 'postgres';
const SUPERUSER = 'postgres';
/** The postgres user of the official (Debian-based) image. */
const POSTGRES_UID = 999;
const PASSWORD_FILE = 'postgres-password';

/**
 * One Postgres per appliance (one process to size and back up), one database and role per service.
 * Databases are not created by initdb scripts, which only run on an empty data directory: enabling a
 * feature later must still get its database. The manager runs `renderDatabaseInitSql` through
 * `docker exec` (POSTGRES_INIT_COMMAND, SQL on stdin so no password appears in a process list).
 */
export const postgresDefinition: ServiceDefinition<'postgres:15.19'> = {
  id: 'postgres',
  role: 'infrastructure',
  name: 'PostgreSQL',
  version: '15.19',
  image: 'postgres:15.19',
  internalPort: POSTGRES_PORT,
  subdomain: undefined,
  healthcheck: {
    // Over TCP: during first init the entrypoint's temporary server listens on the socket only.
    test: ['CMD', 'pg_isready', '--username', SUPERUSER, '--host', '127.0.0.1'],
    intervalSec: 10,
    timeoutSec: 5,
    retries: 5,
    startPeriodSec: 30,
  },
  volumes: [{ key: 'data', mountPath: '/var/lib/postgresql/data' }],
  dependsOn: [],
  needsEgress: false,
  needsDatabase: true,
  // A clean shutdown avoids crash recovery on the next start; Postgres may need a while to checkpoint.
  stopTimeoutSec: 60,
  privileges: {
    capAdd: [
      // The entrypoint starts as root and makes $PGDATA and the socket directory the postgres user's.
      'CHOWN',
      // ...walking $PGDATA (mode 0700, owned by postgres) as root...
      'DAC_OVERRIDE',
      // ...and chmod-ing what postgres owns;
      'FOWNER',
      // then switches to the postgres user (gosu in the official image, setpriv in the test image).
      'SETUID',
      'SETGID',
    ],
    // One process per connection plus background workers: max_connections stays far below this.
    pidsLimit: 256,
    // Writes to $PGDATA (a volume), its socket directory and temporary files only.
    readOnlyRootfs: true,
    tmpfs: [
      { path: '/tmp', sizeMb: 64 },
      { path: '/var/run/postgresql', sizeMb: 1 },
    ],
  },
  renderCommand: ({ profile }) => [
    'postgres',
    '-c',
    `shared_buffers=${profile.tuning.postgresSharedBuffersMb}MB`,
    '-c',
    `max_connections=${profile.tuning.postgresMaxConnections}`,
  ],
  renderEnv: () => ({
    POSTGRES_USER: SUPERUSER,
    // Read by the entrypoint (as root) on first init only; never an environment variable.
    POSTGRES_PASSWORD_FILE: `${SECRETS_DIR}/${PASSWORD_FILE}`,
    POSTGRES_DB: SUPERUSER,
  }),
  // No directory entry: on the read-only root, /run/secrets is a small volume of its own (see
  // fileVolumes), whose root the engine cannot re-own; the file itself is readable by postgres only.
  renderFiles: ({ secrets }) => [secretFile(PASSWORD_FILE, secrets.postgresSuperuserPassword, POSTGRES_UID)],
  databases: () => [],
};

/** psql over the container's local socket (trusted locally by the official image), stopping on the first error. */
export const POSTGRES_INIT_COMMAND: readonly string[] = [
  'psql',
  '--no-psqlrc',
  '--quiet',
  '--set',
  'ON_ERROR_STOP=1',
  '--username',
  SUPERUSER,
  '--dbname',
  SUPERUSER,
];

/**
 * One database dumped in pg_dump's custom format (compressed, restorable per object with pg_restore)
 * to stdout, as the superuser over the local socket: streamed into `restic backup --stdin`.
 */
export function postgresDumpCommand(database: string, excludeTableData: readonly string[] = []): string[] {
  for (const name of [database, ...excludeTableData]) {
    if (!IDENTIFIER.test(name)) throw new RangeError(`unsafe database or table name "${name}"`);
  }
  const exclude = excludeTableData.flatMap((table) => ['--exclude-table-data', table]);
  return ['pg_dump', '--username', SUPERUSER, '--format=custom', ...exclude, '--dbname', database];
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new RangeError(`unsafe SQL identifier "${name}"`);
  return `"${name}"`;
}

/** A quoted SQL string (standard_conforming_strings, the default: only quotes are doubled). */
export function literal(value: string): string {
  if (value.includes('\0')) throw new RangeError('SQL literal cannot contain NUL');
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * Idempotent SQL for psql: creates missing roles and databases, resets role passwords to the stored
 * secrets, and keeps each database private to its role. CREATE DATABASE cannot run inside a DO block,
 * hence psql's `\gexec` on a conditional SELECT.
 */
export function renderDatabaseInitSql(specs: readonly DatabaseSpec[]): string {
  const lines: string[] = [];
  for (const spec of [...specs].sort((a, b) => a.database.localeCompare(b.database))) {
    const role = identifier(spec.role);
    const database = identifier(spec.database);
    const createRole = `CREATE ROLE ${role} LOGIN`;
    lines.push(
      `SELECT ${literal(createRole)} WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${literal(spec.role)})\\gexec`,
      `ALTER ROLE ${role} WITH LOGIN PASSWORD ${literal(spec.password)};`,
    );
    const collation = spec.collationC ? ` LC_COLLATE 'C' LC_CTYPE 'C'` : '';
    const createDatabase = `CREATE DATABASE ${database} OWNER ${role} ENCODING 'UTF8'${collation} TEMPLATE template0`;
    lines.push(
      `SELECT ${literal(createDatabase)} WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = ${literal(spec.database)})\\gexec`,
      `REVOKE ALL ON DATABASE ${database} FROM PUBLIC;`,
      `GRANT ALL ON DATABASE ${database} TO ${role};`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** postgres:// URL for services configured by URL (HedgeDoc). Credentials are URL-encoded. */
export function postgresUrl(spec: DatabaseSpec): string {
  return `postgres://${encodeURIComponent(spec.role)}:${encodeURIComponent(spec.password)}@${POSTGRES_HOST}:${POSTGRES_PORT}/${encodeURIComponent(spec.database)}`;
}

/** Idempotent SQL for psql that deletes these services' databases (closing their sessions) and roles. */
export function renderDatabaseDropSql(specs: readonly DatabaseSpec[]): string {
  return specs
    .map(
      (s) =>
        `DROP DATABASE IF EXISTS ${identifier(s.database)} WITH (FORCE);\nDROP ROLE IF EXISTS ${identifier(s.role)};`,
    )
    .join('\n');
}
