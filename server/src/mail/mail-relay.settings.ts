import type { SmtpSettings } from '../catalog/catalog.types';
import type { MailSettingsEntity } from './mail-settings.entity';

/**
 * The saved relay as the services' configuration takes it (Synapse's `email`, Nextcloud's SMTP_*):
 * the same host, security, account and sender as the manager's own mail. Pure.
 */
export function smtpSettingsOf(row: MailSettingsEntity, password: string | null, communityName: string): SmtpSettings {
  return {
    host: row.host,
    port: row.port,
    security: row.security,
    username: row.username,
    password: row.username ? password : null,
    from: row.fromAddress,
    fromName: row.fromName ?? communityName,
  };
}
