import type { MailSecurity, MailSettings, MailSettingsChange } from '../../../lib/api';
import type { Message, MessageKey } from '../../../lib/i18n';

/** What the Outgoing mail form edits: text fields as typed, the password never shown back. */
export interface MailDraft {
  host: string;
  port: string;
  security: MailSecurity;
  username: string;
  /** Empty: keep the saved one (if any). */
  password: string;
  fromAddress: string;
  fromName: string;
}

export const SECURITIES: readonly MailSecurity[] = ['starttls', 'tls', 'none'];
/** The usual port for each security, filled in when the admin changes it and kept the usual one. */
export const USUAL_PORTS: Record<MailSecurity, string> = { starttls: '587', tls: '465', none: '25' };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const HOST = /^[A-Za-z0-9.-]{1,253}$|^[0-9a-fA-F:.]+$/;

export function toDraft(settings: MailSettings | null): MailDraft {
  return {
    host: settings?.host ?? '',
    port: String(settings?.port ?? USUAL_PORTS.starttls),
    security: settings?.security ?? 'starttls',
    username: settings?.username ?? '',
    password: '',
    fromAddress: settings?.fromAddress ?? '',
    fromName: settings?.fromName ?? '',
  };
}

export type MailField = 'host' | 'port' | 'fromAddress' | 'fromName';

/** The settings to send, or the fields to fix (checked as the server does). */
export function validateMail(draft: MailDraft): {
  change: MailSettingsChange | null;
  problems: Partial<Record<MailField, Message>>;
} {
  const problems: Partial<Record<MailField, Message>> = {};
  const host = draft.host.trim();
  const port = Number(draft.port.trim());
  const fromAddress = draft.fromAddress.trim();
  const fromName = draft.fromName.trim();
  const username = draft.username.trim();
  if (host === '') problems.host = { key: 'validation.required' };
  else if (!HOST.test(host) || /^[.-]|[.-]$/.test(host)) problems.host = { key: 'validation.domain' };
  if (!/^\d+$/.test(draft.port.trim()) || port < 1 || port > 65535) problems.port = { key: 'mail.portProblem' };
  if (fromAddress === '') problems.fromAddress = { key: 'validation.required' };
  else if (!EMAIL.test(fromAddress)) problems.fromAddress = { key: 'validation.email' };
  if (fromName.length > 100) problems.fromName = { key: 'mail.fromNameProblem' };
  if (Object.keys(problems).length > 0) return { change: null, problems };
  return {
    change: {
      host,
      port,
      security: draft.security,
      username: username === '' ? null : username,
      // Left out keeps the saved password; without a username the server drops it.
      ...(username !== '' && draft.password !== '' ? { password: draft.password } : {}),
      fromAddress,
      fromName: fromName === '' ? null : fromName,
    },
    problems,
  };
}

const RELAY_PROBLEMS = ['unreachable', 'tls', 'authRefused', 'refused', 'failed'] as const;

/** The translated sentence for a relay's refusal (the test send, or an invitation's mail). */
export function relayProblemKey(code: string | undefined): MessageKey {
  return RELAY_PROBLEMS.includes(code as (typeof RELAY_PROBLEMS)[number])
    ? (`mail.error.${code as (typeof RELAY_PROBLEMS)[number]}` as const)
    : 'mail.error.failed';
}
