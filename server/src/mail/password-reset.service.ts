import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { AuthService } from '../auth/auth.service';
import { HashGate } from '../auth/hash-gate';
import { hashPassword } from '../auth/password.hasher';
import { ApiException, fieldErrors } from '../common/api-error';
import { randomToken, sha256 } from '../common/tokens';
import { Clock } from '../platform/clock';
import { UserRepository } from '../users/user.repository';
import type { PasswordResetStatusDto } from './dto/password-reset.dto';
import { MailService, mailNotConfigured } from './mail.service';
import type { PasswordResetEntity } from './password-reset.entity';
import { PasswordResetRepository } from './password-reset.repository';
import {
  normalizeEmail,
  RESET_PATH,
  RESET_RULES,
  RESET_TOKEN_SHAPE,
  RESET_TTL_MINUTES,
  resetExpiry,
  resetState,
} from './password-reset.rules';
import { RateLimiter } from './rate-limit';

const GONE = {
  used: 'This link was already used; ask for a new one from the sign-in page.',
  expired: 'This link has expired; ask for a new one from the sign-in page.',
} as const;

function gone(state: 'used' | 'expired'): ApiException {
  return new ApiException(HttpStatus.GONE, GONE[state], {
    errors: [{ field: 'token', code: state, message: GONE[state] }],
  });
}

function tooMany(seconds: number): ApiException {
  return new ApiException(HttpStatus.TOO_MANY_REQUESTS, `Too many requests; try again in ${seconds} seconds.`, {
    retryAfterSeconds: seconds,
  });
}

/**
 * "Forgot my password", by mail: a single-use link valid RESET_TTL_MINUTES, sent to the address of
 * the account. The request answers the same whatever the address, and before any mail is sent, so
 * neither its answer nor its timing tells who has an account.
 */
@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger('PasswordReset');
  private readonly clients = new RateLimiter(RESET_RULES.client);
  private readonly mailboxes = new RateLimiter(RESET_RULES.email);
  /** The mails being sent (the request does not wait for them); for tests and a clean shutdown. */
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly resets: PasswordResetRepository,
    private readonly mail: MailService,
    private readonly users: UserRepository,
    private readonly auth: AuthService,
    private readonly hashing: HashGate,
    private readonly clock: Clock,
  ) {}

  async request(email: string, address: string): Promise<void> {
    const normalized = normalizeEmail(email);
    const now = this.clock.now().getTime();
    const client = this.clients.take([address], now);
    if (!client.ok) throw tooMany(client.retryAfterSeconds);
    const mailbox = this.mailboxes.take([normalized], now);
    if (!mailbox.ok) throw tooMany(mailbox.retryAfterSeconds);
    if (!(await this.mail.configured())) throw mailNotConfigured();
    const work = this.sendLinks(normalized).catch((error: unknown) => {
      this.logger.warn(`a password-reset mail was not sent: ${error instanceof Error ? error.message : String(error)}`);
    });
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  /** Resolves once every reset mail asked for so far was sent (or failed). */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  async describe(token: string): Promise<PasswordResetStatusDto> {
    return { state: resetState(await this.find(token), this.clock.now()) };
  }

  /** Sets the new password and ends every session of the account; the link then no longer works. */
  async reset(token: string, password: string, address: string): Promise<void> {
    const reset = await this.find(token);
    const state = resetState(reset, this.clock.now());
    if (state !== 'valid') throw gone(state);
    const user = await this.users.findById(reset.userId);
    if (!user || user.status !== 'active') throw gone('expired');
    if (password.toLowerCase().includes(user.username)) {
      throw fieldErrors([
        { field: 'password', code: 'containsUsername', message: 'password must not contain the username' },
      ]);
    }
    const slot = await this.hashing.enter(address);
    if (!slot) {
      throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, 'A password is already being checked; retry in a moment.', {
        retryAfterSeconds: 1,
      });
    }
    let passwordHash: string;
    try {
      passwordHash = await hashPassword(password);
    } finally {
      slot.release();
    }
    if (this.resets.consume(reset.tokenHash, passwordHash, this.clock.now()) === 'gone') {
      const now = await this.resets.findByHash(reset.tokenHash);
      throw gone(now?.usedAt ? 'used' : 'expired');
    }
    // The sessions went in the same write; this also ends the account's live views.
    await this.auth.revokeSessions(user.id);
  }

  private async sendLinks(normalized: string): Promise<void> {
    const now = this.clock.now();
    await this.resets.deleteOld(now);
    for (const user of await this.resets.activeUsersByEmail(normalized)) {
      const token = randomToken();
      const reset: PasswordResetEntity = {
        tokenHash: sha256(token),
        userId: user.id,
        createdAt: now,
        expiresAt: resetExpiry(now),
        usedAt: null,
      };
      this.resets.issue(reset);
      await this.mail.send(user.email.trim(), {
        kind: 'passwordReset',
        link: await this.mail.link(`${RESET_PATH}${token}`),
        username: user.username,
        validMinutes: RESET_TTL_MINUTES,
      });
    }
  }

  private async find(token: string): Promise<PasswordResetEntity> {
    const reset = RESET_TOKEN_SHAPE.test(token) ? await this.resets.findByHash(sha256(token)) : null;
    if (!reset) throw new ApiException(HttpStatus.NOT_FOUND, 'This link is not valid.');
    return reset;
  }
}
