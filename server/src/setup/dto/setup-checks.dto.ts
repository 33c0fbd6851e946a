import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength, ValidateBy } from 'class-validator';
import { ApiEnum, ApiNullable } from '../../common/api-properties';
import { isDomainName } from '../../common/domain';
import { IsDistinctSubset } from '../../common/feature-set.validator';
import { FEATURES, type Feature } from '../setup.types';
import { FEATURES_MESSAGE } from './setup.dto';

const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class SetupTokenDto {
  @ApiProperty({ description: 'Printed in the log at first start; `appliance setup-token` shows it again' })
  @IsString()
  @MinLength(1, { message: 'setupToken must not be empty' })
  @MaxLength(256)
  setupToken: string;
}

export class PreflightRequestDto extends SetupTokenDto {
  @ApiProperty({ enum: FEATURES, isArray: true, uniqueItems: true, maxItems: FEATURES.length })
  @IsDistinctSubset(FEATURES, { message: FEATURES_MESSAGE })
  features: Feature[];
}

export class DnsRecordsRequestDto {
  @ApiProperty({ example: 'tiers-lieu.example.org' })
  @Transform(lower)
  @IsString()
  @ValidateBy(
    { name: 'isDomainName', validator: { validate: (v: unknown) => typeof v === 'string' && isDomainName(v) } },
    { message: 'domain must be a domain name such as tiers-lieu.example.org' },
  )
  domain: string;

  @ApiProperty({ enum: FEATURES, isArray: true, uniqueItems: true, maxItems: FEATURES.length })
  @IsDistinctSubset(FEATURES, { message: FEATURES_MESSAGE })
  features: Feature[];
}

export const PREFLIGHT_CHECKS = ['engine', 'disk', 'memory', 'ports'] as const;
export type PreflightCheckId = (typeof PREFLIGHT_CHECKS)[number];
/** ok; warning: installing works but may suffer; failed: installing cannot work; unknown: cannot tell. */
export const PREFLIGHT_STATUSES = ['ok', 'warning', 'failed', 'unknown'] as const;
export type PreflightStatus = (typeof PREFLIGHT_STATUSES)[number];

const PARAMS: ApiPropertyOptions = {
  type: 'object',
  additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] },
  example: { freeGib: 12.5 },
};

export class PreflightCheckDto {
  @ApiEnum(PREFLIGHT_CHECKS)
  id: PreflightCheckId;

  @ApiEnum(PREFLIGHT_STATUSES)
  status: PreflightStatus;

  @ApiProperty({ description: 'A failed blocking check means installing cannot work: the wizard does not offer it' })
  blocking: boolean;

  @ApiProperty({ description: 'Translated by the web app', example: 'preflight.disk.ok' })
  key: string;

  @ApiProperty(PARAMS)
  params: Record<string, string | number>;

  @ApiPropertyOptional({ description: 'The technical cause, for whoever helps (English, never a secret)' })
  details?: string;
}

export const PLAN_PARTS = [...FEATURES, 'base'] as const;

export class PreflightPlanDto {
  @ApiEnum(PLAN_PARTS, { description: 'A chosen feature, or base: the proxy and database every feature shares' })
  feature: Feature | 'base';

  @ApiProperty({ type: [String], description: 'The services it starts', example: ['synapse', 'element'] })
  services: string[];

  @ApiProperty({ description: 'About how long downloading and starting them takes on a home connection' })
  minutes: number;
}

export class PreflightDto {
  @ApiProperty({ type: PreflightCheckDto, isArray: true })
  checks: PreflightCheckDto[];

  @ApiProperty({ type: PreflightPlanDto, isArray: true })
  plan: PreflightPlanDto[];

  @ApiProperty({ description: 'No blocking check failed' })
  ready: boolean;
}

export class DnsRecordDto {
  @ApiProperty({ example: 'pad.tiers-lieu.example.org' })
  name: string;

  @ApiEnum(['A', 'AAAA'], { description: 'A for an IPv4 address, AAAA for IPv6' })
  type: 'A' | 'AAAA';
}

export class DnsRecordsDto {
  @ApiNullable({ description: "This server's public address when it can tell it (the address it was reached at)" })
  address: string | null;

  @ApiProperty({ type: DnsRecordDto, isArray: true })
  records: DnsRecordDto[];
}
