import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ApiDateTime, ApiEnum, ApiNullable } from '../../common/api-properties';
import { IsOmittable } from '../../common/validation';
import {
  type CommandAck,
  type CommandOutcome,
  type EnrollRequest,
  type Heartbeat,
  type HeartbeatService,
  type OffsiteCredential,
  LINK_PROTOCOL,
  type ServiceHealth,
} from '../../fleet-link/link.types';
import { IsFlatRecord } from './flat-record.rule';

const HEALTHS: readonly ServiceHealth[] = ['healthy', 'unhealthy', 'starting', 'unknown'];
const OUTCOMES: readonly CommandOutcome[] = ['done', 'failed', 'refused'];

export class UpstreamAboutDto {
  @ApiProperty({ enum: [LINK_PROTOCOL] })
  protocol: typeof LINK_PROTOCOL;

  @ApiProperty({ description: "The hosting co-op's name (its installation's community name)" })
  name: string;

  @ApiProperty({ description: 'Ed25519 public key, SPKI DER in base64' })
  publicKey: string;

  @ApiProperty({ example: '3f2a:9c01:77de:0b4e:aa10:5c3d:e2f9:1b66' })
  fingerprint: string;
}

export class EnrollRequestDto implements EnrollRequest {
  @ApiProperty({ description: 'The single-use token from the enrollment code' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{16,128}$/, { message: 'token must be 16 to 128 characters [A-Za-z0-9_-]' })
  token: string;

  @ApiProperty({ description: "The appliance's Ed25519 public key, SPKI DER in base64; it signs this request" })
  @IsString()
  @MaxLength(200)
  publicKey: string;

  @ApiProperty({
    example: 'La Fabrique',
    description: "Empty before its setup (pre-provisioned enrollment): the token's community name is kept",
  })
  @IsString()
  @MaxLength(100)
  name: string;

  @ApiProperty({ example: '0.1.0' })
  @IsString()
  @MaxLength(64)
  version: string;
}

export class EnrollAnswerDto {
  @ApiProperty({ format: 'uuid' })
  applianceId: string;

  @ApiProperty({ type: UpstreamAboutDto })
  upstream: UpstreamAboutDto;
}

export class HeartbeatServiceDto implements HeartbeatService {
  @ApiProperty({ example: 'chat' })
  @IsString()
  @MaxLength(64)
  name: string;

  @ApiProperty({ example: 'running' })
  @IsString()
  @MaxLength(64)
  state: string;

  @ApiEnum(HEALTHS)
  @IsIn(HEALTHS)
  health: ServiceHealth;
}

export class HeartbeatDto implements Heartbeat {
  @ApiProperty({ example: '0.1.0' })
  @IsString()
  @MaxLength(64)
  version: string;

  @ApiProperty({ type: HeartbeatServiceDto, isArray: true })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => HeartbeatServiceDto)
  services: HeartbeatServiceDto[];

  @ApiProperty({ type: Number, nullable: true })
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(0)
  diskFreeBytes: number | null;

  @ApiNullable({ description: 'ISO 8601; null before the first successful backup' })
  @ValidateIf((_o, v) => v !== null)
  @IsISO8601({ strict: true })
  lastBackupAt: string | null;
}

export class HeartbeatAnswerDto {
  @ApiProperty({ description: 'Commands waiting: poll at once when > 0' })
  pendingCommands: number;

  @ApiDateTime()
  serverTime: string;
}

export class CommandDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  applianceId: string;

  @ApiProperty({ example: 'backup.run' })
  type: string;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  params: Record<string, string>;

  @ApiDateTime()
  issuedAt: string;

  @ApiDateTime()
  expiresAt: string;
}

export class SignedCommandDto {
  @ApiProperty({ type: CommandDto })
  command: CommandDto;

  @ApiProperty({ description: 'Ed25519 over canonicalCommand(command), base64, by the upstream key' })
  signature: string;
}

export class CommandAckDto implements CommandAck {
  @ApiEnum(OUTCOMES)
  @IsIn(OUTCOMES)
  outcome: CommandOutcome;

  @ApiProperty({ description: 'A message key (e.g. link.refused.expired) or a short result; never a secret' })
  @IsString()
  @MaxLength(500)
  detail: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { nullable: true, oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
  })
  @IsOmittable()
  @IsFlatRecord('scalar', 50)
  result?: Record<string, string | number | boolean | null>;
}

export class OffsiteCredentialDto implements OffsiteCredential {
  @ApiProperty({
    example: '/api/fleet/offsite/2f1c…/',
    description: "restic's REST protocol, under the upstream's URL",
  })
  path: string;

  @ApiProperty({ format: 'uuid', description: 'HTTP basic user: the appliance id' })
  user: string;

  @ApiProperty({ description: 'HTTP basic password; each call makes a new one (stored hashed upstream)' })
  password: string;

  @ApiProperty({ description: 'What the appliance may store there, in bytes' })
  quotaBytes: number;
}
