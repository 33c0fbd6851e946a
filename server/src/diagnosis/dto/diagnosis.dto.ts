import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, ValidateBy } from 'class-validator';
import { ApiDateTime, ApiEnum } from '../../common/api-properties';
import { isDomainName } from '../../common/domain';
import { IsDistinctSubset } from '../../common/feature-set.validator';
import { IsOmittable } from '../../common/validation';
import { FEATURES_MESSAGE } from '../../setup/dto/setup.dto';
import { FEATURES, type Feature } from '../../setup/setup.types';
import { DIAGNOSIS_STATUSES, type CheckParams, type DiagnosisStatus } from '../diagnosis.types';

export class DiagnosisCheckDto {
  @ApiProperty({ example: 'dns:pad.fabrique.example.org', description: '`engine`, `disk`, `dns:<name>`…' })
  id: string;

  @ApiEnum(DIAGNOSIS_STATUSES)
  status: DiagnosisStatus;

  @ApiProperty({ example: 'diagnosis.dns.missing', description: "A message key of the web app's" })
  messageKey: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] },
    example: { name: 'pad.fabrique.example.org' },
  })
  params: CheckParams;

  @ApiPropertyOptional({ description: 'Technical detail (an outside system’s own words), never a secret' })
  detail?: string;
}

export class DiagnosisDto {
  @ApiProperty({ example: 'fabrique.example.org', description: "The community's domain" })
  domain: string;

  @ApiDateTime()
  checkedAt: string;

  @ApiProperty({ type: DiagnosisCheckDto, isArray: true })
  checks: DiagnosisCheckDto[];
}

const DOMAIN_MESSAGE = 'domain must be a domain name such as tiers-lieu.example.org';
const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
const domainRule = { validate: (v: unknown) => typeof v === 'string' && isDomainName(v) };
/** The wizard's rule for the domain (setup.dto.ts), with the same message. */
const IsCommunityDomain = () =>
  applyDecorators(
    Transform(lower),
    IsString(),
    ValidateBy({ name: 'isDomainName', validator: domainRule }, { message: DOMAIN_MESSAGE }),
  );

/** The wizard's « Vérifier » before setup: the names the chosen domain and features will need. */
export class DnsCheckRequestDto {
  @ApiProperty({ description: 'Printed in the log and stored in DATA_DIR/setup-token', maxLength: 256 })
  @IsString()
  @MaxLength(256)
  setupToken: string;

  @ApiProperty({ example: 'tiers-lieu.example.org' })
  @IsCommunityDomain()
  domain: string;

  @ApiPropertyOptional({ enum: FEATURES, isArray: true, uniqueItems: true, maxItems: FEATURES.length })
  @IsOmittable()
  @IsDistinctSubset(FEATURES, { message: FEATURES_MESSAGE })
  features?: Feature[];
}

export class DnsCheckDto {
  @ApiProperty({ type: DiagnosisCheckDto, isArray: true })
  checks: DiagnosisCheckDto[];
}
