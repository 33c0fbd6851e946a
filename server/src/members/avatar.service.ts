import { HttpStatus, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { ApiException, fieldErrors } from '../common/api-error';
import { AVATAR_MAX_BYTES, avatarType, type AvatarType } from './avatar';
import { AvatarRepository } from './avatar.repository';

/** Reads a request body up to `max` bytes; past that, a 413 (and the rest is not kept). */
async function readAtMost(body: Readable, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > max)
      throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, 'The picture is too large (at most 1 MiB).', {
        errors: [{ field: 'avatar', code: 'tooLarge', message: 'avatar must be at most 1 MiB' }],
      });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

@Injectable()
export class AvatarService {
  constructor(private readonly avatars: AvatarRepository) {}

  /** Stores the picture as sent once its first bytes say PNG, JPEG or WebP. */
  async upload(userId: string, body: Readable): Promise<void> {
    const bytes = await readAtMost(body, AVATAR_MAX_BYTES);
    if (!avatarType(bytes))
      throw fieldErrors([{ field: 'avatar', code: 'type', message: 'avatar must be a PNG, JPEG or WebP picture' }]);
    this.avatars.save(userId, bytes);
  }

  /** The picture and its type; 404 when the account has none. */
  get(userId: string): { bytes: Buffer; type: AvatarType } {
    const bytes = this.avatars.read(userId);
    const type = bytes && avatarType(bytes);
    if (!bytes || !type) throw new ApiException(HttpStatus.NOT_FOUND, 'No picture for this account.');
    return { bytes, type };
  }

  /** When the account's picture was last stored, null when it has none (the member's page busts its cache by it). */
  updatedAt(userId: string): Date | null {
    return this.avatars.updatedAt(userId) ?? null;
  }

  remove(userId: string): void {
    this.avatars.remove(userId);
  }
}
