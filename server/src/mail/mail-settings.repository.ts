import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SecretsRepository } from '../secrets/secrets.repository';
import { MailSettingsEntity } from './mail-settings.entity';
import type { SmtpSettings } from '../catalog/catalog.types';
import { smtpSettingsOf } from './mail-relay.settings';
import type { SmtpRelay } from './smtp.repository';

export type MailSettingsFields = Omit<MailSettingsEntity, 'id' | 'updatedAt'>;

/** The relay's row (SQLite) and its password (a 0600 file): the database never holds the password. */
@Injectable()
export class MailSettingsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly secrets: SecretsRepository,
  ) {}

  private get table() {
    return this.dataSource.getRepository(MailSettingsEntity);
  }

  get(): Promise<MailSettingsEntity | null> {
    return this.table.findOneBy({ id: 1 });
  }

  hasPassword(): boolean {
    return this.secrets.smtpPassword() !== null;
  }

  /** `password`: a new one, null to remove it, undefined to keep the one stored. */
  async save(fields: MailSettingsFields, password: string | null | undefined, at: Date): Promise<void> {
    if (password !== undefined) this.secrets.saveSmtpPassword(password);
    await this.table.save({ id: 1, ...fields, updatedAt: at });
  }

  async remove(): Promise<void> {
    await this.table.delete({ id: 1 });
    this.secrets.saveSmtpPassword(null);
  }

  relayOf(row: MailSettingsEntity): SmtpRelay {
    return {
      host: row.host,
      port: row.port,
      security: row.security,
      username: row.username,
      password: row.username ? this.secrets.smtpPassword() : null,
    };
  }

  /** The relay for chat's and files' own mail, or undefined while mail is not set up. */
  async forServices(communityName: string): Promise<SmtpSettings | undefined> {
    const row = await this.get();
    return row ? smtpSettingsOf(row, this.relayOf(row).password, communityName) : undefined;
  }
}
