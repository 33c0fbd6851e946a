import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { completeSecrets } from '../catalog/secrets';
import type { SecretKey, Secrets } from '../catalog/catalog.types';
import { DataDirRepository } from '../platform/data-dir.repository';
import { completeClientSecrets, type OidcClientId } from '../oidc/oidc-clients';
import type { OidcKeyring } from '../oidc/oidc-keys';

/**
 * The chat admin account the manager looks after. Before Synapse first answers, only the wish (the
 * Matrix localpart); afterwards the user id and the access token the registration returned, which
 * lets the manager call Synapse's admin API. No password is ever kept.
 */
export interface MatrixAdminRecord {
  username: string;
  userId?: string;
  accessToken?: string;
  /** The name was already taken on Synapse by an account the manager has no token for. */
  taken?: boolean;
  /** Aliases of the starting rooms known to exist (made by this account, or found). */
  rooms?: string[];
}

/**
 * The non-admin Matrix account that posts the manager's notices, and the admin room it made: its
 * access token (no password is kept), the room id, and who was invited to it.
 */
export interface NoticeBotRecord {
  userId: string;
  accessToken: string;
  roomId?: string;
  invited?: string[];
}

/**
 * Generated service secrets, 0600 under DATA_DIR/secrets. Never returned by the API, never logged.
 * Writes are atomic (DataDirRepository.writeAtomic) so a crash never leaves half a secrets file.
 */
@Injectable()
export class SecretsRepository {
  constructor(private readonly files: DataDirRepository) {}

  /** Loads the secrets, generating (once) any that are missing. */
  ensure(): Secrets {
    const existing = this.read<Partial<Record<SecretKey, string>>>(this.files.serviceSecretsFile) ?? {};
    const complete = completeSecrets(existing, (size) => randomBytes(size));
    if (JSON.stringify(existing) !== JSON.stringify(complete)) this.write(this.files.serviceSecretsFile, complete);
    return complete;
  }

  matrixAdmin(): MatrixAdminRecord | null {
    return this.read<MatrixAdminRecord>(this.files.matrixAdminFile);
  }

  saveMatrixAdmin(record: MatrixAdminRecord): void {
    this.write(this.files.matrixAdminFile, record);
  }

  noticeBot(): NoticeBotRecord | null {
    return this.read<NoticeBotRecord>(this.files.noticeBotFile);
  }

  saveNoticeBot(record: NoticeBotRecord): void {
    this.write(this.files.noticeBotFile, record);
  }

  /** The OpenID provider's keys file, or null before its first use. */
  oidcKeys(): OidcKeyring | null {
    return this.read<OidcKeyring>(this.files.oidcKeysFile);
  }

  saveOidcKeys(keyring: OidcKeyring): void {
    this.write(this.files.oidcKeysFile, keyring);
  }

  /** The provider's client secrets, generating (once) any that are missing. */
  oidcClientSecrets(): Record<OidcClientId, string> {
    const existing = this.read<Partial<Record<OidcClientId, string>>>(this.files.oidcClientsFile) ?? {};
    const complete = completeClientSecrets(existing, () => randomBytes(32).toString('base64url'));
    if (JSON.stringify(existing) !== JSON.stringify(complete)) this.write(this.files.oidcClientsFile, complete);
    return complete;
  }

  /** The outgoing-mail relay's password, or null when none is set. */
  smtpPassword(): string | null {
    return this.files.readText(this.files.smtpPasswordFile) ?? null;
  }

  /** Sets the relay's password (null removes it). */
  saveSmtpPassword(password: string | null): void {
    if (password === null) this.files.remove(this.files.smtpPasswordFile);
    else this.files.writeAtomic(this.files.smtpPasswordFile, password);
  }

  /**
   * Deletes the clear-text password file earlier versions left until Synapse was healthy, and
   * returns only the username it named (the account is then registered without that password).
   */
  removeLegacyPendingMatrixAdmin(): string | null {
    const path = this.files.legacyPendingMatrixAdminFile;
    const text = this.files.readText(path);
    if (text === undefined) return null;
    let username: string | null = null;
    try {
      const parsed = JSON.parse(text) as { username?: unknown };
      if (typeof parsed.username === 'string') username = parsed.username;
    } catch {
      // Unreadable: deleted all the same; the fallback username applies.
    }
    this.files.remove(path);
    return username;
  }

  private read<T>(path: string): T | null {
    const text = this.files.readText(path);
    return text === undefined ? null : (JSON.parse(text) as T);
  }

  private write(path: string, value: unknown): void {
    this.files.writeAtomic(path, JSON.stringify(value, null, 2));
  }
}
