import { Injectable } from '@nestjs/common';
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { DataDirRepository } from '../platform/data-dir.repository';

/** The appliance's own key pair toward the upstream: a 0600 PEM file under secrets, never in the API. */
@Injectable()
export class LinkKeysRepository {
  constructor(private readonly files: DataDirRepository) {}

  /** A new pair, written before the enrollment is sent (a crash after it leaves a key, never a link without one). */
  generate(): { privateKey: KeyObject; publicKey: KeyObject } {
    const pair = generateKeyPairSync('ed25519');
    this.files.writeAtomic(
      this.files.federationKeyFile,
      pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    );
    return pair;
  }

  /** Undefined when there is no key (not enrolled, or left). */
  privateKey(): KeyObject | undefined {
    const pem = this.files.readText(this.files.federationKeyFile);
    return pem ? createPrivateKey(pem) : undefined;
  }

  publicKey(): KeyObject | undefined {
    const key = this.privateKey();
    return key ? createPublicKey(key) : undefined;
  }

  forget(): void {
    this.files.remove(this.files.federationKeyFile);
  }
}
