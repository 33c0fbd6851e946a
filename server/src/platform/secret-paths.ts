import { join } from 'node:path';

/**
 * The named files under DATA_DIR/secrets: DataDirRepository extends this, and writes them (0600 files
 * in a 0700 directory).
 */
export class SecretPaths {
  constructor(readonly root: string) {}

  /** Generated service secrets and the chat admin's record. */
  get secretsDir(): string {
    return join(this.root, 'secrets');
  }

  get serviceSecretsFile(): string {
    return join(this.secretsDir, 'services.json');
  }

  get matrixAdminFile(): string {
    return join(this.secretsDir, 'matrix-admin.json');
  }

  /** The notice bot's Matrix account (token) and the community's admin room (notices/admin-room.service.ts). */
  get noticeBotFile(): string {
    return join(this.secretsDir, 'notice-bot.json');
  }

  /** The OpenID provider's signing keys (current and previous) and cookie keys (oidc/oidc-keys.ts). */
  get oidcKeysFile(): string {
    return join(this.secretsDir, 'oidc-keys.json');
  }

  /** The OpenID provider's client secrets, one per service (oidc/oidc-clients.ts). */
  get oidcClientsFile(): string {
    return join(this.secretsDir, 'oidc-clients.json');
  }

  /** The outgoing-mail relay's password (mail/): the only mail setting that is not in the database. */
  get smtpPasswordFile(): string {
    return join(this.secretsDir, 'smtp-password');
  }

  /** An upstream's Ed25519 signing key (PKCS#8 PEM): signs its commands; never in the database (fleet/). */
  get fleetSigningKeyFile(): string {
    return join(this.secretsDir, 'fleet-signing-key.pem');
  }

  /** The appliance's Ed25519 key toward a mutualised host (federation/), PKCS#8 PEM; absent when not enrolled. */
  get federationKeyFile(): string {
    return join(this.secretsDir, 'federation-key.pem');
  }

  /** Written by earlier versions (a clear-text password): only ever read once and deleted. */
  get legacyPendingMatrixAdminFile(): string {
    return join(this.secretsDir, 'pending-matrix-admin.json');
  }

  /** restic's repository password (generated at the first backup; the recovery key is another key). */
  get backupPasswordFile(): string {
    return join(this.secretsDir, 'backup-password');
  }

  /** The appliance's SSH private key toward SFTP backup places (OpenSSH format; `.pub` beside it). */
  get backupSshKeyFile(): string {
    return join(this.secretsDir, 'backup-ssh-key');
  }

  /**
   * An off-site backup target's secret: its repository with its credentials (a REST URL with its
   * password), its pinned host key (SFTP, known_hosts) or its keys (S3, an AWS credentials file).
   */
  backupTargetSecretFile(id: string): string {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new RangeError(`bad backup target id: ${id}`);
    return join(this.secretsDir, 'backup-targets', id);
  }

  /** Only when the recovery key (a second restic key) was last made; never the key itself. */
  get recoveryKeyRecordFile(): string {
    return join(this.secretsDir, 'recovery-key-made.json');
  }
}
