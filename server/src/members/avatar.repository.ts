import { Injectable } from '@nestjs/common';
import { join } from 'node:path';
import { DataDirRepository } from '../platform/data-dir.repository';

/** Members' pictures under DATA_DIR/avatars, one 0600 file per account id, written atomically. */
@Injectable()
export class AvatarRepository {
  constructor(private readonly files: DataDirRepository) {}

  /** The id is a UUID checked at the edge; the data directory refuses any path outside itself anyway. */
  private path(userId: string): string {
    return join(this.files.avatarsDir, userId);
  }

  save(userId: string, bytes: Uint8Array): void {
    this.files.ensureDir(this.files.avatarsDir);
    this.files.writeAtomic(this.path(userId), bytes);
  }

  read(userId: string): Buffer | undefined {
    return this.files.readBytes(this.path(userId));
  }

  /** When the picture was last stored; undefined when there is none. */
  updatedAt(userId: string): Date | undefined {
    return this.files.modifiedAt(this.path(userId));
  }

  remove(userId: string): void {
    this.files.remove(this.path(userId));
  }
}
