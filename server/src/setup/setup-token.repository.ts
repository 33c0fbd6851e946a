import { Inject, Injectable } from '@nestjs/common';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { randomToken } from '../common/tokens';

/** The first-run setup token lives in DATA_DIR/setup-token (0600) until setup consumes it. */
@Injectable()
export class SetupTokenRepository {
  private readonly path: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.path = join(config.dataDir, 'setup-token');
  }

  get location(): string {
    return this.path;
  }

  read(): string | null {
    if (!existsSync(this.path)) return null;
    const token = readFileSync(this.path, 'utf8').trim();
    return token.length > 0 ? token : null;
  }

  /**
   * Writes a new token when there is none and returns it; returns undefined when one already exists
   * (a restart before setup keeps the same token, which was printed when it was made).
   */
  createIfMissing(): string | undefined {
    if (this.read()) return undefined;
    const token = randomToken(24);
    mkdirSync(join(this.path, '..'), { recursive: true, mode: 0o700 });
    writeFileSync(this.path, `${token}\n`, { mode: 0o600 });
    return token;
  }

  remove(): void {
    rmSync(this.path, { force: true });
  }
}
