import { Injectable } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import type { MailSecurity } from './mail-settings.entity';
import { SmtpError, type SmtpProblem } from './smtp.types';

/** Where and how to reach the relay, and as whom. */
export interface SmtpRelay {
  host: string;
  port: number;
  security: MailSecurity;
  username: string | null;
  password: string | null;
}

/** One message, built by mail-messages.ts. */
export interface OutgoingMail {
  from: { address: string; name: string };
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Bounded waits: a relay that does not answer must not hold a request (or a reset) for minutes. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

/** nodemailer's error codes (dist/cjs/errors.js), and the relay's 5xx answers, as problems. */
export function smtpProblem(error: unknown): SmtpProblem {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  switch (code) {
    case 'ECONNECTION':
    case 'ETIMEDOUT':
    case 'ESOCKET':
    case 'EDNS':
      return 'unreachable';
    case 'ETLS':
      return 'tls';
    case 'EAUTH':
    case 'ENOAUTH':
      return 'authRefused';
    case 'EENVELOPE':
    case 'EMESSAGE':
      return 'refused';
  }
  if (typeof responseCode === 'number' && responseCode >= 400) return 'refused';
  return 'failed';
}

/** The technical detail, for the `details` field and the log: never the password. */
function detailsOf(error: unknown, relay: SmtpRelay): string {
  const text = error instanceof Error ? error.message : String(error);
  const clean = relay.password ? text.split(relay.password).join('***') : text;
  return clean.slice(0, 500);
}

/** The one place that talks SMTP (nodemailer): a connection per message, nothing pooled. */
@Injectable()
export class SmtpRepository {
  async send(relay: SmtpRelay, mail: OutgoingMail): Promise<void> {
    const transport = createTransport({
      host: relay.host,
      port: relay.port,
      // tls: TLS from the first byte; starttls: plain, then the upgrade is required; none: never upgrade.
      secure: relay.security === 'tls',
      requireTLS: relay.security === 'starttls',
      ignoreTLS: relay.security === 'none',
      ...(relay.username ? { auth: { user: relay.username, pass: relay.password ?? '' } } : {}),
      ...TIMEOUTS,
    });
    try {
      await transport.sendMail({
        from: { address: mail.from.address, name: mail.from.name },
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      });
    } catch (error) {
      throw new SmtpError(smtpProblem(error), detailsOf(error, relay));
    } finally {
      transport.close();
    }
  }
}
