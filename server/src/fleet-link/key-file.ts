import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

/** What a key file needs of the data directory (platform/data-dir.repository.ts writes 0600 files). */
export interface KeyFileStore {
  readText(path: string): string | undefined;
  writeAtomic(path: string, content: string): void;
  createAtomic(path: string, content: string): boolean;
  remove(path: string): void;
}

const pem = (key: KeyObject) => key.export({ type: 'pkcs8', format: 'pem' }).toString();

/**
 * An Ed25519 private key as a PKCS#8 PEM file under the data directory's secrets, never in the
 * database: the key store of both ends of the fleet link (the upstream's signing key, an appliance's
 * key toward its host).
 */
export class Ed25519KeyFile {
  constructor(
    private readonly files: KeyFileStore,
    readonly path: string,
  ) {}

  /** A new pair, replacing any key on file. */
  generate(): { privateKey: KeyObject; publicKey: KeyObject } {
    const pair = generateKeyPairSync('ed25519');
    this.files.writeAtomic(this.path, pem(pair.privateKey));
    return pair;
  }

  /** The key on file; undefined when there is none. */
  read(): KeyObject | undefined {
    const text = this.files.readText(this.path);
    return text ? createPrivateKey(text) : undefined;
  }

  /** The key on file, made on first need: of processes racing to make it, all keep the winner's key. */
  readOrCreate(): KeyObject {
    if (!this.files.readText(this.path))
      this.files.createAtomic(this.path, pem(generateKeyPairSync('ed25519').privateKey));
    const privateKey = createPrivateKey(this.files.readText(this.path)!);
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${this.path} is not an Ed25519 key`);
    return privateKey;
  }

  remove(): void {
    this.files.remove(this.path);
  }
}
