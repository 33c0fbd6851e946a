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

/** The checks every mode has: the manager's own database and queue. */
export class CoreChecksDto {
  @ApiProperty({ type: CheckDto })
  database: CheckDto;

  @ApiProperty({ type: CheckDto })
  queue: CheckDto;
}

/** An appliance also needs its Docker engine. */
export class HealthChecksDto extends CoreChecksDto {
  @ApiProperty({ type: CheckDto })
  docker: CheckDto;
}

export class HealthDto {
  @ApiProperty({ enum: HEALTH_STATUSES })
  status: HealthStatus;

  @ApiProperty({ type: HealthChecksDto })
  checks: HealthChecksDto;
}

/** An upstream has no Docker engine: its health is the core checks only. */
export class CoreHealthDto {
  @ApiProperty({ enum: HEALTH_STATUSES })
  status: HealthStatus;

  @ApiProperty({ type: CoreChecksDto })
  checks: CoreChecksDto;
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
