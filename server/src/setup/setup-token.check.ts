import { HttpStatus, Injectable } from '@nestjs/common';
import { LoginThrottleService } from '../auth/login-throttle.service';
import { ApiException } from '../common/api-error';
import { sameSecret } from '../common/tokens';
import { SetupTokenRepository } from './setup-token.repository';

/** The throttle's account name for the setup token: one secret, guessed from anywhere. */
const ACCOUNT = 'setup-token';

/**
 * Checks a setup token as a login checks a password: the attempt is reserved against the login
 * throttle first (synchronously, so parallel guesses see each other), and only then compared.
 */
@Injectable()
export class SetupTokenCheck {
  constructor(
    private readonly tokens: SetupTokenRepository,
    private readonly throttle: LoginThrottleService,
  ) {}

  verify(token: string, address: string): void {
    const attempt = this.throttle.reserve(ACCOUNT, address);
    if (!attempt.ok) {
      const wait = attempt.retryAfterSeconds;
      throw new ApiException(
        HttpStatus.TOO_MANY_REQUESTS,
        `Too many wrong setup tokens. Try again in ${wait} seconds.`,
        {
          retryAfterSeconds: wait,
        },
      );
    }
    const expected = this.tokens.read();
    if (!expected || !sameSecret(token, expected)) {
      const message = 'The setup token is not valid: copy it again from the server log.';
      throw new ApiException(HttpStatus.FORBIDDEN, message, {
        errors: [{ field: 'setupToken', code: 'rejected', message }],
      });
    }
    this.throttle.succeeded(attempt.reservation);
  }
}
