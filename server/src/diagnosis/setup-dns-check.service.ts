import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiException } from '../common/api-error';
import { sameSecret } from '../common/tokens';
import { RateLimiter } from '../mail/rate-limit';
import { Clock } from '../platform/clock';
import { SetupTokenRepository } from '../setup/setup-token.repository';
import type { DnsCheckDto, DnsCheckRequestDto } from './dto/diagnosis.dto';
import { DnsDiagnosisService } from './dns-diagnosis.service';

/** A few checks a minute per address: each one makes the manager send DNS queries. */
const RULE = { limit: 6, windowMs: 60_000 };

/** The wizard's « Vérifier »: the same DNS rules as the diagnosis, for whoever holds the setup token. */
@Injectable()
export class SetupDnsCheckService {
  private readonly limiter = new RateLimiter(RULE);

  constructor(
    private readonly tokens: SetupTokenRepository,
    private readonly dns: DnsDiagnosisService,
    private readonly clock: Clock,
  ) {}

  async check(dto: DnsCheckRequestDto, address: string): Promise<DnsCheckDto> {
    // Counted before the token is compared, so this route is no faster way to guess it either.
    const slot = this.limiter.take([`ip:${address}`], this.clock.now().getTime());
    if (!slot.ok) {
      throw new ApiException(
        HttpStatus.TOO_MANY_REQUESTS,
        `Too many checks; try again in ${slot.retryAfterSeconds} seconds.`,
        { retryAfterSeconds: slot.retryAfterSeconds },
      );
    }
    const expected = this.tokens.read();
    if (!expected || !sameSecret(dto.setupToken, expected)) {
      throw new ApiException(HttpStatus.FORBIDDEN, 'The setup token is not valid: copy it again from the server log.');
    }
    return { checks: await this.dns.records(dto.domain, dto.features ?? []) };
  }
}
