import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { ApiDateTime, ApiEnum, ApiNullable } from '../../common/api-properties';
import { IsOmittable } from '../../common/validation';
import { COMMAND_TYPES, type CommandType } from '../../fleet-link/link.types';
import { APPLIANCE_STATUSES, type ApplianceStatus } from '../fleet-appliance.entity';
import { COMMAND_STATUSES, type CommandStatus } from '../fleet-command.entity';
import { ATTENTION_REASONS, type AttentionReason, COMMAND_MINUTES, TOKEN_HOURS } from '../fleet.rules';
import { CommandDto, HeartbeatServiceDto } from './device.dto';
import { IsFlatRecord } from './flat-record.rule';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class FleetIdentityDto {
  @ApiProperty({ description: "The hosting co-op's name (the installation's community name)" })
  name: string;

  @ApiProperty({ description: 'The address communities reach this upstream at', example: 'https://hub.example.coop' })
  url: string;

  @ApiProperty({ description: "The signing key's fingerprint, to compare by eye" })
  fingerprint: string;
}

export class CreateEnrollmentTokenDto {
  @ApiProperty({ maxLength: 100, example: 'La Fabrique' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'community must not be empty' })
  @MaxLength(100)
  community: string;

  @ApiPropertyOptional({
    minimum: TOKEN_HOURS.min,
    maximum: TOKEN_HOURS.max,
    description: `Default ${TOKEN_HOURS.default}`,
  })
  @IsOmittable()
  @IsInt({ message: 'expiresInHours must be a whole number of hours' })
  @Min(TOKEN_HOURS.min)
  @Max(TOKEN_HOURS.max)
  expiresInHours?: number;
}

export class EnrollmentTokenDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  community: string;

  @ApiDateTime()
  createdAt: string;

  @ApiDateTime()
  expiresAt: string;

  @ApiNullable({ description: 'When a community enrolled with it' })
  usedAt: string | null;

  @ApiNullable()
  revokedAt: string | null;

  @ApiNullable({ description: 'The appliance that enrolled with it' })
  applianceId: string | null;
}

export class EnrollmentTokenCreatedDto extends EnrollmentTokenDto {
  @ApiProperty({
    description:
      'The code to hand over (shown once; only the token hash is stored). The web app draws it as a QR code itself.',
  })
  code: string;

  @ApiProperty({ description: 'The upstream address inside the code' })
  url: string;

  @ApiProperty({ description: "The upstream key's fingerprint inside the code" })
  fingerprint: string;
}

export class FleetApplianceDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  fingerprint: string;

  @ApiEnum(APPLIANCE_STATUSES)
  status: ApplianceStatus;

  @ApiProperty()
  version: string;

  @ApiDateTime()
  enrolledAt: string;

  @ApiNullable()
  lastSeenAt: string | null;

  @ApiProperty({ type: HeartbeatServiceDto, isArray: true })
  services: HeartbeatServiceDto[];

  @ApiProperty({ type: Number, nullable: true })
  diskFreeBytes: number | null;

  @ApiNullable()
  lastBackupAt: string | null;

  @ApiProperty({ enum: ATTENTION_REASONS, isArray: true, description: 'Why it needs a look (empty: all is well)' })
  attention: AttentionReason[];
}

export class FleetAppliancesQueryDto {
  @ApiPropertyOptional({ enum: ['1'], description: '1: only those that need attention' })
  @IsOmittable()
  @IsIn(['1', '0'])
  attention?: '1' | '0';
}

export class IssueCommandDto {
  @ApiEnum(COMMAND_TYPES)
  @IsIn(COMMAND_TYPES, { message: `type must be one of ${COMMAND_TYPES.join(', ')}` })
  type: CommandType;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, example: { service: 'chat' } })
  @IsOmittable()
  @IsFlatRecord('string')
  params?: Record<string, string>;

  @ApiPropertyOptional({
    minimum: COMMAND_MINUTES.min,
    maximum: COMMAND_MINUTES.max,
    description: `Default ${COMMAND_MINUTES.default}`,
  })
  @IsOmittable()
  @IsInt()
  @Min(COMMAND_MINUTES.min)
  @Max(COMMAND_MINUTES.max)
  expiresInMinutes?: number;
}

export class IssueCommandsDto extends IssueCommandDto {
  @ApiProperty({ type: String, format: 'uuid', isArray: true, minItems: 1, maxItems: 500 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  applianceIds: string[];
}

/** A command as the hub's admins follow it: what was sent (as the device gets it) and what came of it. */
export class FleetCommandDto extends CommandDto {
  @ApiEnum(COMMAND_STATUSES)
  status: CommandStatus;

  @ApiNullable({ description: "The appliance's message key or short result" })
  detail: string | null;

  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: { nullable: true, oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
  })
  result: Record<string, string | number | boolean | null> | null;

  @ApiNullable()
  ackedAt: string | null;
}
