import { Injectable } from '@nestjs/common';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { Ed25519KeyFile } from '../fleet-link/key-file';
import { keyFingerprint, publicKeyToBase64 } from '../fleet-link/key-fingerprint';
import { DataDirRepository } from '../platform/data-dir.repository';

export interface FleetKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI DER, base64. */
  publicKeyBase64: string;
  fingerprint: string;
}

/**
 * The upstream's Ed25519 signing key: a 0600 PEM file under the data directory's secrets, made on
 * first need, never in the database (a leaked database must not let anyone sign commands).
 */
@Injectable()
export class FleetKeyRepository {
  private cached: FleetKey | undefined;

  constructor(private readonly files: DataDirRepository) {}

  get(): FleetKey {
    if (this.cached) return this.cached;
    const privateKey = new Ed25519KeyFile(this.files, this.files.fleetSigningKeyFile).readOrCreate();
    const publicKey = createPublicKey(privateKey);
    this.cached = {
      privateKey,
      publicKey,
      publicKeyBase64: publicKeyToBase64(publicKey),
      fingerprint: keyFingerprint(publicKey),
    };
    return this.cached;
  }
}
