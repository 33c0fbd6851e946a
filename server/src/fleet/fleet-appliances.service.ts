import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiException } from '../common/api-error';
import { Clock } from '../platform/clock';
import type { FleetApplianceDto } from './dto/fleet.dto';
import type { FleetApplianceEntity } from './fleet-appliance.entity';
import { FleetRepository } from './fleet.repository';
import { attentionReasons, parseServices } from './fleet.rules';

export function toApplianceDto(a: FleetApplianceEntity, now: Date): FleetApplianceDto {
  const services = parseServices(a.services);
  return {
    id: a.id,
    name: a.name,
    fingerprint: a.fingerprint,
    status: a.status,
    version: a.version,
    enrolledAt: a.enrolledAt.toISOString(),
    lastSeenAt: a.lastSeenAt?.toISOString() ?? null,
    services,
    diskFreeBytes: a.diskFreeBytes,
    lastBackupAt: a.lastBackupAt?.toISOString() ?? null,
    attention: attentionReasons({ ...a, services }, now),
  };
}

/** The fleet registry as upstream admins see it, and revocation. */
@Injectable()
export class FleetAppliancesService {
  constructor(
    private readonly fleet: FleetRepository,
    private readonly clock: Clock,
  ) {}

  async list(onlyAttention: boolean): Promise<FleetApplianceDto[]> {
    const now = this.clock.now();
    const all = (await this.fleet.listAppliances()).map((a) => toApplianceDto(a, now));
    return onlyAttention ? all.filter((a) => a.attention.length > 0) : all;
  }

  async get(id: string): Promise<FleetApplianceEntity> {
    const appliance = await this.fleet.findAppliance(id);
    if (!appliance) throw new ApiException(HttpStatus.NOT_FOUND, 'No such community on this upstream.');
    return appliance;
  }

  /** From now on its requests get 403. Revoking again, or after it left, changes nothing. */
  async revoke(id: string): Promise<void> {
    await this.get(id);
    await this.fleet.setStatus(id, 'revoked');
  }
}
