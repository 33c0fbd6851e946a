import { HttpStatus, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ApiException } from '../common/api-error';
import { sha256 } from '../common/tokens';
import type { EnrollAnswer, EnrollRequest, Heartbeat, HeartbeatAnswer } from '../fleet-link/link.types';
import { Clock } from '../platform/clock';
import type { FleetApplianceEntity } from './fleet-appliance.entity';
import { FleetIdentityService } from './fleet-identity.service';
import { FleetRepository } from './fleet.repository';
import type { TokenState } from './fleet.rules';

const REFUSED: Record<Exclude<TokenState, 'valid'>, string> = {
  unknown: 'This enrollment code is not one this upstream made.',
  used: 'This enrollment code was already used; ask the hosting co-op for a new one.',
  expired: 'This enrollment code has expired; ask the hosting co-op for a new one.',
  revoked: 'This enrollment code was revoked; ask the hosting co-op for a new one.',
};

/** What the device routes do once the signature is checked (device-auth.service.ts). */
@Injectable()
export class DeviceService {
  constructor(
    private readonly fleet: FleetRepository,
    private readonly identity: FleetIdentityService,
    private readonly clock: Clock,
  ) {}

  /** 409 with errors[0].code = unknown | used | expired | revoked when the token cannot be spent. */
  async enroll(request: EnrollRequest, fingerprint: string): Promise<EnrollAnswer> {
    const appliance: FleetApplianceEntity = {
      id: randomUUID(),
      name: request.name.trim(),
      publicKey: request.publicKey,
      fingerprint,
      status: 'active',
      enrolledAt: this.clock.now(),
      lastSeenAt: null,
      version: request.version,
      services: '[]',
      diskFreeBytes: null,
      lastBackupAt: null,
    };
    const outcome = await this.fleet.enroll(sha256(request.token), appliance, this.clock.now());
    if (!outcome.ok) {
      const message = REFUSED[outcome.state];
      throw new ApiException(HttpStatus.CONFLICT, message, {
        errors: [{ field: 'token', code: outcome.state, message }],
      });
    }
    return { applianceId: appliance.id, upstream: await this.identity.about() };
  }

  async heartbeat(applianceId: string, beat: Heartbeat): Promise<HeartbeatAnswer> {
    const now = this.clock.now();
    return { pendingCommands: await this.fleet.heartbeat(applianceId, beat, now), serverTime: now.toISOString() };
  }

  async leave(applianceId: string): Promise<void> {
    if (!(await this.fleet.setStatus(applianceId, 'left'))) {
      throw new ApiException(HttpStatus.FORBIDDEN, 'This appliance is no longer enrolled.');
    }
  }
}
