import { Injectable } from '@nestjs/common';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { Ed25519KeyFile } from '../fleet-link/key-file';
import { DataDirRepository } from '../platform/data-dir.repository';

/** The appliance's own key pair toward the upstream: a 0600 PEM file under secrets, never in the API. */
@Injectable()
export class LinkKeysRepository {
  private readonly file: Ed25519KeyFile;

  constructor(files: DataDirRepository) {
    this.file = new Ed25519KeyFile(files, files.federationKeyFile);
  }

  /** A new pair, written before the enrollment is sent (a crash after it leaves a key, never a link without one). */
  generate(): { privateKey: KeyObject; publicKey: KeyObject } {
    return this.file.generate();
  }

  /** Undefined when there is no key (not enrolled, or left). */
  privateKey(): KeyObject | undefined {
    return this.file.read();
  }

  publicKey(): KeyObject | undefined {
    const key = this.privateKey();
    return key ? createPublicKey(key) : undefined;
  }

  forget(): void {
    this.file.remove();
  }
}
