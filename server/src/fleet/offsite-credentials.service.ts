import { Inject, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { randomToken, sha256 } from '../common/tokens';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { OffsiteCredential } from '../fleet-link/link.types';
import { Clock } from '../platform/clock';
import { OffsiteCredentialRepository } from './offsite-credential.repository';

/** Where the off-site endpoint is mounted (app.factory.ts), before the appliance's id. */
export const OFFSITE_MOUNT = '/api/fleet/offsite';

export type OffsiteAuth = 'ok' | 'unauthenticated' | 'revoked';

/**
 * The REST credential of each appliance's off-site repository: issued over the signed link (so only
 * the enrolled appliance gets it), stored as its SHA-256, refused once the appliance is revoked or left.
 */
@Injectable()
export class OffsiteCredentialsService {
  constructor(
    private readonly credentials: OffsiteCredentialRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async issue(applianceId: string): Promise<OffsiteCredential> {
    const password = randomToken(32);
    await this.credentials.save(applianceId, sha256(password), this.clock.now());
    return {
      path: `${OFFSITE_MOUNT}/${applianceId}/`,
      user: applianceId,
      password,
      quotaBytes: this.config.offsiteQuotaBytes,
    };
  }

  /** The path's appliance must be the user: each appliance reaches its own repository only. */
  async check(pathAppliance: string, user: string, password: string): Promise<OffsiteAuth> {
    if (user !== pathAppliance) return 'unauthenticated';
    const found = await this.credentials.find(user);
    if (!found) return 'unauthenticated';
    const given = Buffer.from(sha256(password), 'hex');
    if (!timingSafeEqual(given, Buffer.from(found.secretHash, 'hex'))) return 'unauthenticated';
    return found.status === 'active' ? 'ok' : 'revoked';
  }
}
