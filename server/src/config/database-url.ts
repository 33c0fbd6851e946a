import { ConfigError } from './app-config';

/**
 * DATABASE_URL: an upstream's Postgres (postgres:// or postgresql://). Unset: SQLite under the data
 * directory, the default for everything. An appliance refuses it: its backups, its imports and its
 * own update copy the SQLite file, so its data must stay in that one file.
 */
export function parseDatabaseUrl(raw: string | undefined, mode: string): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('DATABASE_URL', 'must be a URL such as postgres://user:password@host:5432/hub');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError('DATABASE_URL', `must use postgres:// or postgresql:// (got "${url.protocol}")`);
  }
  if (!url.hostname) throw new ConfigError('DATABASE_URL', 'must name the Postgres host');
  if (mode !== 'upstream') {
    throw new ConfigError(
      'DATABASE_URL',
      'is for MODE=upstream only: an appliance keeps its data in its SQLite file, which its backups and self-update copy',
    );
  }
  return value;
}
