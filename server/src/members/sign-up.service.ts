import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { ApiException } from '../common/api-error';
import { MailService } from '../mail/mail.service';
import { RateLimiter } from '../mail/rate-limit';
import { Clock } from '../platform/clock';
import type { UserEntity } from '../users/user.entity';
import type { SignUpDto } from './dto/sign-up.dto';
import { MemberAccountFactory } from './member-account.factory';
import { SignUpRepository } from './sign-up.repository';
import { MAX_PENDING_SIGN_UPS, SIGN_UP_RATE, signUpRefusal, type SignUpRefusal } from './sign-up.rules';

/** The web app's sign-in page, linked from the approval mail. */
const LOGIN_PATH = '/#/login';

const REFUSALS: Record<SignUpRefusal, { status: HttpStatus; message: string }> = {
  closed: { status: HttpStatus.FORBIDDEN, message: 'This community does not take sign-up requests.' },
  full: {
    status: HttpStatus.TOO_MANY_REQUESTS,
    message: 'Too many requests are waiting for an administrator; try again in a few days.',
  },
};

/** The refusal's name is the error's code (field `signUp`), so that the page says its own sentence. */
function refused(refusal: SignUpRefusal): ApiException {
  const { status, message } = REFUSALS[refusal];
  return new ApiException(status, message, { errors: [{ field: 'signUp', code: refusal, message }] });
}

function unknownRequest(): ApiException {
  return new ApiException(HttpStatus.NOT_FOUND, 'This request does not exist (any more); reload the list.');
}

/** Open sign-up (issue 11): anyone asks to join, an admin approves or refuses each request. */
@Injectable()
export class SignUpService {
  private readonly logger = new Logger('SignUp');
  private readonly rate = new RateLimiter(SIGN_UP_RATE);

  constructor(
    private readonly requests: SignUpRepository,
    private readonly accounts: MemberAccountFactory,
    private readonly mail: MailService,
    private readonly clock: Clock,
  ) {}

  isOpen(): Promise<boolean> {
    return this.requests.isOpen();
  }

  async setOpen(open: boolean): Promise<boolean> {
    await this.requests.setOpen(open, this.clock.now());
    return this.requests.isOpen();
  }

  listPending(): Promise<UserEntity[]> {
    return this.requests.listPending();
  }

  /**
   * Cheap refusals first (closed, this client's rate, a taken name, the cap), then the hashing gate,
   * then the hash, the expensive part; the repository's write alone decides between racing requests.
   */
  async signUp(dto: SignUpDto, address: string): Promise<UserEntity> {
    const early = signUpRefusal(await this.requests.isOpen(), 0);
    if (early) throw refused(early);
    const slot = this.rate.take([`ip:${address}`], this.clock.now().getTime());
    if (!slot.ok) {
      throw new ApiException(
        HttpStatus.TOO_MANY_REQUESTS,
        `Too many sign-up requests from here; try again in ${slot.retryAfterSeconds} seconds.`,
        { retryAfterSeconds: slot.retryAfterSeconds },
      );
    }
    await this.accounts.refuseEarly(dto);
    const full = signUpRefusal(true, await this.requests.countPending());
    if (full) throw refused(full);
    const { member, outcome } = await this.accounts.create(dto, 'pending', address, async (member) =>
      // Closed meanwhile by an admin: the request is not taken.
      (await this.requests.isOpen()) ? this.requests.insertPending(member, MAX_PENDING_SIGN_UPS) : 'closed',
    );
    if (outcome !== 'created') throw refused(outcome);
    return member;
  }

  /** Only the one approval that turns the row active mails the person; a second one is a 404. */
  async approve(id: string): Promise<UserEntity> {
    const request = await this.requests.findPending(id);
    if (!request || !this.requests.approve(id)) throw unknownRequest();
    await this.tellApproved(request);
    return { ...request, status: 'active' };
  }

  refuse(id: string): void {
    if (!this.requests.refuse(id)) throw unknownRequest();
  }

  /** Mail is optional: without it, or when the relay fails, the approval stands and is only logged. */
  private async tellApproved(member: UserEntity): Promise<void> {
    if (!member.email) return;
    try {
      if (!(await this.mail.configured())) return;
      const link = await this.mail.link(LOGIN_PATH);
      await this.mail.send(member.email, { kind: 'signUpApproved', link, username: member.username });
    } catch (error) {
      this.logger.warn(`The approval mail to ${member.username} did not leave: ${String(error)}`);
    }
  }
}
