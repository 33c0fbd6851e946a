import { Entity } from 'typeorm';
import { DateColumn, IntegerColumn, KeyColumn, TextColumn } from '../database/columns';

/** none: plain SMTP (a relay on the same network); starttls: upgrade on port 587; tls: TLS from the start (465). */
export const MAIL_SECURITIES = ['none', 'starttls', 'tls'] as const;
export type MailSecurity = (typeof MAIL_SECURITIES)[number];

/**
 * The relay the manager sends mail through (invitations, password resets): a single row, absent while
 * mail is not set up. The password is not a column: it is a 0600 file (SecretsRepository.smtpPassword).
 */
@Entity('mail_settings')
export class MailSettingsEntity {
  @KeyColumn('integer') id: number;
  @TextColumn() host: string;
  @IntegerColumn() port: number;
  @TextColumn() security: MailSecurity;
  @TextColumn({ nullable: true }) username: string | null;
  @TextColumn() fromAddress: string;
  @TextColumn({ nullable: true }) fromName: string | null;
  @DateColumn() updatedAt: Date;
}
