import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DataDirRepository } from '../platform/data-dir.repository';
import { resticTarget, retentionOf, secretFileContent, type TargetKind } from './backup-target-location';
import { BackupTargetEntity } from './backup-target.entity';
import type { JobError } from '../jobs/job.types';
import type { RetentionPolicy } from './backup.types';
import type { BackupTarget } from './restic.types';
import { fingerprintOf, generateSshKeyPair, parseHostKey, publicKeyOf } from './ssh-key';

/** The comment of the appliance's SSH public key: what the admin sees in the server's authorized_keys. */
const SSH_KEY_COMMENT = 'tiers-lieux-backups';

/** A configured off-site target as the backups module uses it: its row, and restic's view of it. */
export interface StoredTarget {
  row: BackupTargetEntity;
  target: BackupTarget;
  retention: RetentionPolicy | null;
}

export interface NewTarget {
  id: string;
  label: string;
  kind: TargetKind;
  location: string;
  retention: RetentionPolicy | null;
  /** S3 places only (null for the others). */
  s3PathStyle: boolean | null;
}

const keepColumns = (retention: RetentionPolicy | null) => ({
  keepDaily: retention?.daily ?? null,
  keepWeekly: retention?.weekly ?? null,
  keepMonthly: retention?.monthly ?? null,
});

/**
 * The backup_target table (TypeORM) and each target's secret file (the data directory's secrets,
 * 0600): the database never holds a credential, and restic reads it from the file.
 */
@Injectable()
export class BackupTargetRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly files: DataDirRepository,
  ) {}

  private get table() {
    return this.dataSource.getRepository(BackupTargetEntity);
  }

  /** The secret, written before the target is probed (restic reads it) and removed if it is not kept. */
  writeSecret(id: string, kind: TargetKind, secret: string | null): void {
    const file = this.files.backupTargetSecretFile(id);
    if (secret === null) this.files.remove(file);
    else this.files.writeAtomic(file, secretFileContent(kind, secret));
  }

  /**
   * The appliance's SSH public key toward SFTP places, the key pair made on first need (one for all
   * places: the admin adds one line to each server's authorized_keys). The private key never leaves
   * its 0600 file.
   */
  sshPublicKey(): string {
    const file = this.files.backupSshKeyFile;
    if (!this.files.exists(file)) this.files.createAtomic(file, generateSshKeyPair(SSH_KEY_COMMENT).privateKey);
    return publicKeyOf(this.files.readText(file) ?? '', SSH_KEY_COMMENT);
  }

  /** The pinned host key's fingerprint of an SFTP place (what the admin compares with the server's). */
  hostKeyFingerprint(row: BackupTargetEntity): string | null {
    if (row.kind !== 'sftp') return null;
    const key = parseHostKey(this.files.readText(this.files.backupTargetSecretFile(row.id)) ?? '');
    return key ? fingerprintOf(key) : null;
  }

  removeSecret(id: string): void {
    this.files.remove(this.files.backupTargetSecretFile(id));
  }

  /** restic's view of a row: through its secret file when it has one. */
  stored(row: BackupTargetEntity): StoredTarget {
    const file = this.files.backupTargetSecretFile(row.id);
    const secretFile = this.files.exists(file) ? this.relative(file) : null;
    const sshKeyFile = this.relative(this.files.backupSshKeyFile);
    return { row, target: resticTarget(row, { secretFile, sshKeyFile }), retention: retentionOf(row) };
  }

  private relative(file: string): string {
    return file.slice(this.files.root.length + 1);
  }

  /** A target as it would be stored, before it is (the probe runs on it). */
  candidate(fields: NewTarget, at: Date): StoredTarget {
    return this.stored(this.table.create(this.rowOf(fields, at)));
  }

  async insert(fields: NewTarget, at: Date): Promise<BackupTargetEntity> {
    const row = this.rowOf(fields, at);
    await this.table.insert(row);
    return row;
  }

  async list(): Promise<BackupTargetEntity[]> {
    return this.table.find({ order: { createdAt: 'ASC' } });
  }

  async enabled(): Promise<StoredTarget[]> {
    return (await this.table.find({ where: { enabled: true }, order: { createdAt: 'ASC' } })).map((r) =>
      this.stored(r),
    );
  }

  find(id: string): Promise<BackupTargetEntity | null> {
    return this.table.findOneBy({ id });
  }

  async update(
    id: string,
    change: { label?: string; enabled?: boolean; retention?: RetentionPolicy | null },
    at: Date,
  ): Promise<void> {
    await this.table.update(
      { id },
      {
        ...(change.label !== undefined ? { label: change.label } : {}),
        ...(change.enabled !== undefined ? { enabled: change.enabled } : {}),
        ...(change.retention !== undefined ? keepColumns(change.retention) : {}),
        updatedAt: at,
      },
    );
  }

  /** The configuration only: the data at the target stays where it is. */
  async remove(id: string): Promise<void> {
    await this.table.delete({ id });
    this.removeSecret(id);
  }

  /** How the last copy to this target went (null error: it worked). */
  async recordCopy(id: string, at: Date, error: JobError | null): Promise<void> {
    await this.table.update(
      { id },
      {
        lastAttemptAt: at,
        ...(error ? {} : { lastSuccessAt: at }),
        lastErrorKey: error?.key ?? null,
        lastErrorDetail: error?.detail ?? null,
      },
    );
  }

  async recordRecoveryKey(id: string, at: Date): Promise<void> {
    await this.table.update({ id }, { recoveryKeyAt: at });
  }

  private rowOf(fields: NewTarget, at: Date): BackupTargetEntity {
    return {
      id: fields.id,
      label: fields.label,
      kind: fields.kind,
      location: fields.location,
      enabled: true,
      s3PathStyle: fields.s3PathStyle,
      ...keepColumns(fields.retention),
      lastAttemptAt: null,
      lastSuccessAt: null,
      lastErrorKey: null,
      lastErrorDetail: null,
      recoveryKeyAt: null,
      createdAt: at,
      updatedAt: at,
    };
  }
}
