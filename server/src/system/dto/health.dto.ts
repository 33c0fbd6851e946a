import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const CHECK_STATUSES = ['up', 'down'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];
export const HEALTH_STATUSES = ['ok', 'degraded'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

export class CheckDto {
  @ApiProperty({ enum: CHECK_STATUSES })
  status: CheckStatus;

  @ApiPropertyOptional()
  detail?: string;
}

export class HealthChecksDto {
  @ApiProperty({ type: CheckDto })
  database: CheckDto;

  @ApiProperty({ type: CheckDto })
  queue: CheckDto;

  @ApiProperty({ type: CheckDto })
  docker: CheckDto;
}

export class HealthDto {
  @ApiProperty({ enum: HEALTH_STATUSES })
  status: HealthStatus;

  @ApiProperty({ type: HealthChecksDto })
  checks: HealthChecksDto;
}

export class CapacityDto {
  @ApiProperty()
  freeBytes: number;

  @ApiProperty()
  totalBytes: number;
}

export class SystemStatusDto extends HealthChecksDto {
  @ApiProperty({ type: CapacityDto })
  disk: CapacityDto;

  @ApiProperty({ type: CapacityDto })
  memory: CapacityDto;
}
