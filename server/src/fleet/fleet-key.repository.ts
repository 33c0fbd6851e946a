import { Injectable } from '@nestjs/common';
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
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
    const path = this.files.fleetSigningKeyFile;
    let pem = this.files.readText(path);
    if (!pem) {
      const { privateKey } = generateKeyPairSync('ed25519');
      // Created once: an upstream process racing this one to make it keeps the winner's key.
      this.files.createAtomic(path, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
      pem = this.files.readText(path)!;
    }
    const privateKey = createPrivateKey(pem);
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${path} is not an Ed25519 key`);
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
