import { HttpStatus, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ApiException } from '../common/api-error';
import type { Command, CommandAck, SignedCommand } from '../fleet-link/link.types';
import { signCommand } from '../fleet-link/signed-command';
import { Clock } from '../platform/clock';
import type { FleetCommandDto, IssueCommandDto } from './dto/fleet.dto';
import type { FleetApplianceEntity } from './fleet-appliance.entity';
import type { FleetCommandEntity } from './fleet-command.entity';
import { FleetCommandRepository } from './fleet-command.repository';
import { FleetKeyRepository } from './fleet-key.repository';
import { FleetRepository } from './fleet.repository';
import { commandExpiry } from './fleet.rules';

function parse<T>(json: string | null, fallback: T): T {
  if (json === null) return fallback;
  try {
    return JSON.parse(json) as T;
  } catch {
    return fallback;
  }
}

function toCommand(c: FleetCommandEntity): Command {
  return {
    id: c.id,
    applianceId: c.applianceId,
    type: c.type,
    params: parse<Record<string, string>>(c.params, {}),
    issuedAt: c.issuedAt.toISOString(),
    expiresAt: c.expiresAt.toISOString(),
  };
}

export function toCommandDto(c: FleetCommandEntity): FleetCommandDto {
  return {
    ...toCommand(c),
    status: c.status,
    detail: c.detail,
    result: parse(c.result, null),
    ackedAt: c.ackedAt?.toISOString() ?? null,
  };
}

/** Commands signed by the upstream key for one appliance or many, polled and acknowledged by them. */
@Injectable()
export class FleetCommandsService {
  constructor(
    private readonly fleet: FleetRepository,
    private readonly commands: FleetCommandRepository,
    private readonly keys: FleetKeyRepository,
    private readonly clock: Clock,
  ) {}

  /** To every appliance given, or none: 404 for an unknown one, 409 for a revoked or departed one. */
  async issue(applianceIds: string[], dto: IssueCommandDto): Promise<FleetCommandDto[]> {
    const appliances: FleetApplianceEntity[] = [];
    for (const id of applianceIds) {
      const appliance = await this.fleet.findAppliance(id);
      if (!appliance) throw new ApiException(HttpStatus.NOT_FOUND, 'No such community on this upstream.');
      if (appliance.status !== 'active') {
        const message = `${appliance.name} ${appliance.status === 'revoked' ? 'was revoked' : 'left'}: it takes no more commands.`;
        throw new ApiException(HttpStatus.CONFLICT, message, {
          errors: [{ field: 'applianceIds', code: appliance.status, message }],
        });
      }
      appliances.push(appliance);
    }
    const now = this.clock.now();
    const expiresAt = commandExpiry(now, dto.expiresInMinutes);
    const key = this.keys.get().privateKey;
    const entities = appliances.map((appliance): FleetCommandEntity => {
      const command: Command = {
        id: randomUUID(),
        applianceId: appliance.id,
        type: dto.type,
        params: dto.params ?? {},
        issuedAt: now.toISOString(),
        expiresAt: expiresAt.toISOString(),
      };
      return {
        id: command.id,
        applianceId: command.applianceId,
        type: command.type,
        params: JSON.stringify(command.params),
        issuedAt: now,
        expiresAt,
        signature: signCommand(key, command).signature,
        status: 'pending',
        detail: null,
        result: null,
        ackedAt: null,
      };
    });
    await this.commands.insert(entities);
    return entities.map(toCommandDto);
  }

  async recent(applianceId: string): Promise<FleetCommandDto[]> {
    return (await this.commands.recent(applianceId)).map(toCommandDto);
  }

  /** What the appliance polls: pending, unexpired, each with the signature made when it was issued. */
  async pending(applianceId: string): Promise<SignedCommand[]> {
    return (await this.commands.pending(applianceId, this.clock.now())).map((c) => ({
      command: toCommand(c),
      signature: c.signature,
    }));
  }

  /** Idempotent: a repeated ack (the answer to the first was lost) is accepted and changes nothing. */
  async ack(applianceId: string, commandId: string, ack: CommandAck): Promise<void> {
    const outcome = await this.commands.ack(commandId, applianceId, ack, this.clock.now());
    if (outcome === 'unknown') throw new ApiException(HttpStatus.NOT_FOUND, 'No such command for this appliance.');
  }
}
