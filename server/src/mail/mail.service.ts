import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { Subject } from 'rxjs';
import { ApiException } from '../common/api-error';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Clock } from '../platform/clock';
import { tlsModeFor } from '../services/appliance-context.service';
import { InstallationRepository } from '../setup/installation.repository';
import type { MailSettingsDto, PutMailSettingsDto } from './dto/mail-settings.dto';
import { buildMail, type MailContent } from './mail-messages';
import type { MailSettingsEntity } from './mail-settings.entity';
import { MailSettingsRepository } from './mail-settings.repository';
import { RateLimiter } from './rate-limit';
import { SmtpRepository } from './smtp.repository';
import { SmtpError, type SmtpProblem } from './smtp.types';

const SENTENCES: Record<SmtpProblem, string> = {
  unreachable:
    'The mail relay does not answer: check its host name and port, and that it accepts connections from here.',
  tls: 'The secure connection to the mail relay failed: check the security setting (none, STARTTLS or TLS) for this port.',
  authRefused: 'The mail relay refused the username or password.',
  refused: 'The mail relay refused the message: check the sender address (the relay may only allow its own).',
  failed: 'The mail relay did not take the message.',
};

/** 502 with the problem as the error's code (the web app's mail.error.<code>) and the relay's words. */
export function relayRefusal(error: SmtpError): ApiException {
  return new ApiException(HttpStatus.BAD_GATEWAY, SENTENCES[error.problem], {
    errors: [{ field: 'smtp', code: error.problem, message: SENTENCES[error.problem] }],
    details: error.details,
  });
}

export function mailNotConfigured(): ApiException {
  return new ApiException(
    HttpStatus.CONFLICT,
    'Outgoing mail is not set up on this server; an administrator sets it on the dashboard.',
    {
      errors: [{ field: 'mail', code: 'notConfigured', message: 'outgoing mail is not set up' }],
    },
  );
}

export function settingsView(row: MailSettingsEntity, hasPassword: boolean): MailSettingsDto {
  return {
    host: row.host,
    port: row.port,
    security: row.security,
    username: row.username,
    password: hasPassword ? 'set' : 'notSet',
    fromAddress: row.fromAddress,
    fromName: row.fromName,
  };
}

/** Test sends per admin address: each one is a real message through the relay. */
const TEST_RULE = { limit: 5, windowMs: 10 * 60_000 };

/**
 * Outgoing mail: the relay's settings, and messages in the community's language (the installation's)
 * sent through it. Optional: without settings, nothing is sent and admins copy links as before.
 */
@Injectable()
export class MailService {
  private readonly logger = new Logger('Mail');
  private readonly tests = new RateLimiter(TEST_RULE);
  /**
   * Each saved or removed relay: chat and files send through it too, so the features module re-applies
   * them as jobs (see OperationsService). Never awaited by the request.
   */
  readonly relayChanged$ = new Subject<void>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly settings: MailSettingsRepository,
    private readonly smtp: SmtpRepository,
    private readonly installation: InstallationRepository,
    private readonly clock: Clock,
  ) {}

  async get(): Promise<MailSettingsDto | null> {
    const row = await this.settings.get();
    return row ? settingsView(row, this.settings.hasPassword()) : null;
  }

  async put(dto: PutMailSettingsDto): Promise<MailSettingsDto> {
    const username = dto.username ?? null;
    // Without a username there is nothing to sign in with: a stored password would only linger.
    const password = username === null ? null : dto.password;
    await this.settings.save(
      {
        host: dto.host,
        port: dto.port,
        security: dto.security,
        username,
        fromAddress: dto.fromAddress,
        fromName: dto.fromName ?? null,
      },
      password,
      this.clock.now(),
    );
    this.relayChanged$.next();
    const saved = await this.get();
    if (!saved) throw new Error('the mail settings went away as they were saved');
    return saved;
  }

  async remove(): Promise<void> {
    await this.settings.remove();
    this.relayChanged$.next();
  }

  async configured(): Promise<boolean> {
    return (await this.settings.get()) !== null;
  }

  /** A test message: throttled per address before any network work. */
  async sendTest(to: string, address: string): Promise<void> {
    const slot = this.tests.take([`ip:${address}`], this.clock.now().getTime());
    if (!slot.ok) {
      throw new ApiException(
        HttpStatus.TOO_MANY_REQUESTS,
        `Too many test messages; try again in ${slot.retryAfterSeconds} seconds.`,
        {
          retryAfterSeconds: slot.retryAfterSeconds,
        },
      );
    }
    try {
      await this.send(to, { kind: 'test' });
    } catch (error) {
      if (error instanceof SmtpError) throw relayRefusal(error);
      throw error;
    }
  }

  /**
   * Sends one message. Throws 409 (mailNotConfigured) without settings, SmtpError when the relay
   * did not take it.
   */
  async send(to: string, content: MailContent): Promise<void> {
    const row = await this.settings.get();
    if (!row) throw mailNotConfigured();
    const installation = await this.installation.get();
    const communityName = installation?.communityName ?? 'Tiers-lieu';
    const mail = buildMail(content, { language: installation?.language ?? 'fr', communityName });
    try {
      await this.smtp.send(this.settings.relayOf(row), {
        from: { address: row.fromAddress, name: row.fromName ?? communityName },
        to,
        ...mail,
      });
    } catch (error) {
      if (error instanceof SmtpError)
        this.logger.warn(`mail to the relay ${row.host}:${row.port} failed (${error.problem}): ${error.details}`);
      throw error;
    }
  }

  /** An absolute link to a page of the web app at the community's address (never the request's Host). */
  async link(path: string): Promise<string> {
    const installation = await this.installation.get();
    if (!installation) throw new Error('no link before setup');
    const scheme = tlsModeFor(this.config.proxy.tls, installation.domain) === 'off' ? 'http' : 'https';
    return `${scheme}://${installation.domain}${path}`;
  }
}
