import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { completeSecrets } from '../catalog/secrets';
import type { SecretKey, Secrets } from '../catalog/catalog.types';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

export interface PendingMatrixAdmin {
  username: string;
  password: string;
}

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

  /**
   * The wizard's admin password is needed once more, in clear, to create the same account on Matrix
   * when Synapse first becomes healthy; it is kept 0600 until then and deleted right after.
   */
  savePendingMatrixAdmin(admin: PendingMatrixAdmin): void {
    this.write('pending-matrix-admin.json', admin);
  }

  pendingMatrixAdmin(): PendingMatrixAdmin | null {
    return this.read<PendingMatrixAdmin>('pending-matrix-admin.json');
  }

  clearPendingMatrixAdmin(): void {
    rmSync(join(this.dir, 'pending-matrix-admin.json'), { force: true });
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
