import { HttpStatus, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ApiException } from '../common/api-error';
import { randomToken, sha256 } from '../common/tokens';
import { encodeEnrollmentCode } from '../fleet-link/enrollment-code';
import { Clock } from '../platform/clock';
import type { CreateEnrollmentTokenDto, EnrollmentTokenCreatedDto, EnrollmentTokenDto } from './dto/fleet.dto';
import type { EnrollmentTokenEntity } from './enrollment-token.entity';
import { FleetIdentityService } from './fleet-identity.service';
import { FleetRepository } from './fleet.repository';
import { tokenExpiry } from './fleet.rules';

export function toTokenDto(t: EnrollmentTokenEntity): EnrollmentTokenDto {
  return {
    id: t.id,
    community: t.community,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt.toISOString(),
    usedAt: t.usedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    applianceId: t.applianceId,
  };
}

/** Enrollment tokens: minted for a named community, single use, shown once as a code (the web app draws its QR code). */
@Injectable()
export class EnrollmentTokensService {
  constructor(
    private readonly fleet: FleetRepository,
    private readonly identity: FleetIdentityService,
    private readonly clock: Clock,
  ) {}

  async create(dto: CreateEnrollmentTokenDto): Promise<EnrollmentTokenCreatedDto> {
    const { url, fingerprint } = await this.identity.identity();
    const now = this.clock.now();
    const token = randomToken();
    const entity: EnrollmentTokenEntity = {
      id: randomUUID(),
      community: dto.community,
      tokenHash: sha256(token),
      createdAt: now,
      expiresAt: tokenExpiry(now, dto.expiresInHours),
      usedAt: null,
      revokedAt: null,
      applianceId: null,
    };
    await this.fleet.insertToken(entity);
    const code = encodeEnrollmentCode({ url, token, fingerprint });
    return { ...toTokenDto(entity), code, url, fingerprint };
  }

  async list(): Promise<EnrollmentTokenDto[]> {
    return (await this.fleet.listTokens()).map(toTokenDto);
  }

  /** Before use only: a used token already made its appliance (revoke the appliance instead). */
  async revoke(id: string): Promise<void> {
    const token = await this.fleet.findToken(id);
    if (!token) throw new ApiException(HttpStatus.NOT_FOUND, 'No such enrollment code.');
    if (token.revokedAt) return;
    if (!(await this.fleet.revokeToken(id, this.clock.now()))) {
      throw new ApiException(
        HttpStatus.CONFLICT,
        'This code was already used; revoke the community it enrolled instead.',
        {
          errors: [{ field: 'id', code: 'used', message: 'the code was already used' }],
        },
      );
    }
  }
}
