import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LOCK_NAMES, type LockName } from '../../locks/lock.types';
import { ApiDateTime, ApiEnum, ApiNullable } from '../../common/api-properties';

export const CHECK_STATUSES = ['up', 'down'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];
export const HEALTH_STATUSES = ['ok', 'degraded'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

export class CheckDto {
  @ApiEnum(CHECK_STATUSES)
  status: CheckStatus;

  @ApiPropertyOptional({
    example: 'engineUnreachable',
    description: 'Why it is down, translated by the web app as system.reason.<key>',
  })
  key?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] } })
  params?: Record<string, string | number>;

  @ApiPropertyOptional({ description: 'The technical words (error texts, paths), for a logged-in admin' })
  detail?: string;
}

/** The checks every mode has: the manager's own database and queue. */
export class CoreChecksDto {
  @ApiProperty({ type: CheckDto })
  database: CheckDto;

  @ApiProperty({ type: CheckDto })
  queue: CheckDto;
}

/** An appliance also checks its Docker engine; an upstream has none. */
export class HealthChecksDto extends CoreChecksDto {
  @ApiPropertyOptional({ type: CheckDto, description: "The appliance's Docker engine (absent in upstream mode)" })
  docker?: CheckDto;
}

export class HealthDto {
  @ApiEnum(HEALTH_STATUSES)
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

export class LockHolderDto {
  @ApiEnum(LOCK_NAMES)
  lock: LockName;

  @ApiProperty({ example: 'job:0b7c…', description: '`reconcile`, `job:<id>`, `backup:<id>`…' })
  holder: string;

  @ApiDateTime({ description: 'Since when it holds or waits' })
  since: string;
}

/** What holds each appliance lock, and what waits for it in order (why an operation has not started). */
export class LocksDto {
  @ApiProperty({ type: LockHolderDto, isArray: true })
  held: LockHolderDto[];

  @ApiProperty({ type: LockHolderDto, isArray: true })
  waiting: LockHolderDto[];
}

export class ReconcileRunDto {
  @ApiProperty({ example: 'periodic check' })
  reason: string;

  @ApiEnum(['completed', 'failed'])
  outcome: 'completed' | 'failed';

  @ApiDateTime({ description: 'When the run ended' })
  at: string;
}

/** The reconciler's finished runs since this manager started: "has a run ended since…" is observable. */
export class ReconcilesDto {
  @ApiProperty()
  completed: number;

  @ApiProperty()
  failed: number;

  @ApiNullable({ type: ReconcileRunDto })
  last: ReconcileRunDto | null;
}

export class SystemStatusDto extends CoreChecksDto {
  @ApiProperty({ type: CheckDto })
  docker: CheckDto;

  @ApiProperty({ type: CapacityDto })
  disk: CapacityDto;

  @ApiProperty({ type: CapacityDto })
  memory: CapacityDto;

  @ApiProperty({ type: LocksDto })
  locks: LocksDto;

  @ApiProperty({ type: ReconcilesDto })
  reconciles: ReconcilesDto;
}
