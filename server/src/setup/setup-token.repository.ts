import { Injectable } from '@nestjs/common';
import { randomToken } from '../common/tokens';
import { DataDirRepository } from '../platform/data-dir.repository';

/** The first-run setup token lives in DATA_DIR/setup-token (0600) until setup consumes it. */
@Injectable()
export class SetupTokenRepository {
  constructor(private readonly files: DataDirRepository) {}

  get location(): string {
    return this.files.setupTokenFile;
  }

  read(): string | null {
    return this.files.readSetupToken();
  }

  /**
   * Writes a new token when there is none and returns it; returns undefined when one already exists
   * (a restart before setup keeps the same token, which was printed when it was made).
   */
  createIfMissing(): string | undefined {
    if (this.read()) return undefined;
    const token = randomToken(24);
    this.files.writeAtomic(this.files.setupTokenFile, `${token}\n`);
    return token;
  }

  remove(): void {
    this.files.remove(this.files.setupTokenFile);
  }
}
