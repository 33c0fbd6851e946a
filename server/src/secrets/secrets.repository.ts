import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { completeSecrets } from '../catalog/secrets';
import type { SecretKey, Secrets } from '../catalog/catalog.types';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

/**
 * The chat admin account the manager looks after. Before Synapse first answers, only the wish (the
 * Matrix localpart); afterwards the user id and the access token the registration returned, which
 * lets the manager call Synapse's admin API. No password is ever kept.
 */
export interface MatrixAdminRecord {
  username: string;
  userId?: string;
  accessToken?: string;
  /** The name was already taken on Synapse by an account the manager has no token for. */
  taken?: boolean;
}

const MATRIX_ADMIN = 'matrix-admin.json';
/** Written by earlier versions: the wizard admin's dashboard password, in clear, until Synapse took it. */
const LEGACY_PENDING_MATRIX_ADMIN = 'pending-matrix-admin.json';

/**
 * Generated service secrets, 0600 under DATA_DIR/secrets. Never returned by the API, never logged.
 * Writes go through a temporary file and a rename so a crash never leaves half a secrets file.
 */
@Injectable()
export class SecretsRepository {
  private readonly dir: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.dir = join(config.dataDir, 'secrets');
  }

  /** Loads the secrets, generating (once) any that are missing. */
  ensure(): Secrets {
    const existing = this.read<Partial<Record<SecretKey, string>>>('services.json') ?? {};
    const complete = completeSecrets(existing, (size) => randomBytes(size));
    if (JSON.stringify(existing) !== JSON.stringify(complete)) this.write('services.json', complete);
    return complete;
  }

  matrixAdmin(): MatrixAdminRecord | null {
    return this.read<MatrixAdminRecord>(MATRIX_ADMIN);
  }

  saveMatrixAdmin(record: MatrixAdminRecord): void {
    this.write(MATRIX_ADMIN, record);
  }

  /**
   * Deletes the clear-text password file earlier versions left until Synapse was healthy, and
   * returns only the username it named (the account is then registered without that password).
   */
  removeLegacyPendingMatrixAdmin(): string | null {
    const path = join(this.dir, LEGACY_PENDING_MATRIX_ADMIN);
    if (!existsSync(path)) return null;
    let username: string | null = null;
    try {
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as { username?: unknown };
      if (typeof parsed.username === 'string') username = parsed.username;
    } catch {
      // Unreadable: deleted all the same; the fallback username applies.
    }
    rmSync(path, { force: true });
    return username;
  }

  private read<T>(name: string): T | null {
    const path = join(this.dir, name);
    if (!existsSync(path)) return null;
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  }

  private write(name: string, value: unknown): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const path = join(this.dir, name);
    const tmp = `${path}.tmp`;
    writeFileSync(tmp, JSON.stringify(value, null, 2), { mode: 0o600 });
    renameSync(tmp, path);
  }
}
