import { Inject, Injectable } from '@nestjs/common';
import { createReadStream, createWriteStream, type Dirent, promises as fs, type ReadStream } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomToken } from '../common/tokens';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { BLOB_TYPES, type BlobType, type OffsiteTarget } from './offsite.rules';

/** A write stopped because the body grew past what the quota leaves. */
export class OverQuotaError extends Error {}

/**
 * The files of the appliances' off-site repositories: `<data dir>/offsite/<appliance id>/`, in
 * rest-server's layout (`data/<2 hex>/<id>`, `keys/<id>`, …), so Debian's rest-server or
 * `rclone serve restic` could serve the same folder. Written to a temporary file, then linked into
 * place: a reader never sees half a file, and link() fails rather than replace an existing one.
 */
@Injectable()
export class OffsiteStorageRepository {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  root(applianceId: string): string {
    return join(this.config.dataDir, 'offsite', applianceId);
  }

  pathOf(target: Extract<OffsiteTarget, { kind: 'config' | 'blob' }>): string {
    const root = this.root(target.applianceId);
    if (target.kind === 'config') return join(root, 'config');
    if (target.type === 'data') return join(root, 'data', target.name.slice(0, 2), target.name);
    return join(root, target.type, target.name);
  }

  async createRepository(applianceId: string): Promise<void> {
    const root = this.root(applianceId);
    for (const type of BLOB_TYPES) await fs.mkdir(join(root, type), { recursive: true, mode: 0o700 });
  }

  /** The file's size, or null when it is not there. */
  async size(file: string): Promise<number | null> {
    try {
      const stat = await fs.stat(file);
      return stat.isFile() ? stat.size : null;
    } catch {
      return null;
    }
  }

  async list(applianceId: string, type: BlobType): Promise<Array<{ name: string; size: number }>> {
    const dir = join(this.root(applianceId), type);
    const dirs =
      type === 'data' ? (await entries(dir)).filter((e) => e.isDirectory()).map((e) => join(dir, e.name)) : [dir];
    const found: Array<{ name: string; size: number }> = [];
    for (const d of dirs) {
      for (const entry of await entries(d)) {
        if (!entry.isFile() || entry.name.startsWith('.')) continue;
        found.push({ name: entry.name, size: (await fs.stat(join(d, entry.name))).size });
      }
    }
    return found;
  }

  /** Bytes stored for the appliance (its quota counts them all, locks included). */
  async usage(applianceId: string): Promise<number> {
    let total = 0;
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await entries(dir)) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (entry.isFile()) total += (await fs.stat(path)).size;
      }
    };
    await walk(this.root(applianceId));
    return total;
  }

  read(file: string, range?: { start: number; end: number }): ReadStream {
    return createReadStream(file, range);
  }

  /**
   * Stores the body as `file`: false when the file exists already (append-only), unless `replace`
   * (locks). OverQuotaError when the body goes past `maxBytes`; nothing is left behind then.
   */
  async write(file: string, body: Readable, maxBytes: number, replace: boolean): Promise<boolean> {
    const dir = join(file, '..');
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    const temporary = join(dir, `.upload-${randomToken(9)}`);
    let written = 0;
    body.on('data', (chunk: Buffer) => {
      written += chunk.length;
      if (written > maxBytes) body.destroy(new OverQuotaError());
    });
    try {
      await pipeline(body, createWriteStream(temporary, { mode: 0o600 }));
      if (replace) await fs.rename(temporary, file);
      else await fs.link(temporary, file);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    } finally {
      await fs.rm(temporary, { force: true });
    }
  }

  async remove(file: string): Promise<void> {
    await fs.rm(file, { force: true });
  }
}

async function entries(dir: string): Promise<Dirent[]> {
  try {
    return await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}
