import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { IsOmittable, IsSubsetOf } from '../../common/validation';
import { JobErrorDto } from '../../jobs/dto/job.dto';
import { BACKUP_RUN_STATES, type BackupRunState } from '../backup.types';

/** What can be backed up or restored: the features, and the manager's own settings and accounts. */
export const BACKUP_SCOPES = ['chat', 'pad', 'files', 'appliance'] as const;
export type BackupScope = (typeof BACKUP_SCOPES)[number];

export class BackupPointDto {
  @ApiProperty({ description: 'The backup point (one run); restore takes it' })
  id: string;

  @ApiProperty({ format: 'date-time' })
  time: string;

  @ApiProperty({ enum: BACKUP_SCOPES, isArray: true })
  services: string[];

  @ApiProperty({ description: 'Bytes read for this point (before deduplication and compression)' })
  sizeBytes: number;
}

export class BackupRunDto {
  @ApiProperty()
  id: string;

  @ApiProperty({ description: 'Follow its progress through /api/jobs/{id}' })
  jobId: string;

  @ApiProperty({ format: 'date-time' })
  startedAt: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  finishedAt: string | null;

  @ApiProperty({ enum: BACKUP_RUN_STATES })
  state: BackupRunState;

  @ApiPropertyOptional({ type: JobErrorDto })
  error?: JobErrorDto;
}

export class BackupOverviewDto {
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  lastSuccessAt: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  nextRunAt: string | null;

  @ApiProperty({ description: 'No successful backup for 48 hours: the dashboard shows a warning' })
  overdue: boolean;

  @ApiProperty({ type: BackupPointDto, isArray: true })
  snapshots: BackupPointDto[];

  @ApiProperty({ type: BackupRunDto, isArray: true })
  runs: BackupRunDto[];

  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When the last recovery key was made (null: none yet; the dashboard asks for one)',
  })
  recoveryKeyAt: string | null;
}

export class BackupRequestDto {
  @ApiPropertyOptional({ enum: BACKUP_SCOPES, isArray: true, description: 'Default: everything' })
  @IsOmittable()
  @IsSubsetOf(BACKUP_SCOPES)
  services?: BackupScope[];
}

export class RestoreRequestDto {
  @ApiProperty({ enum: BACKUP_SCOPES, isArray: true })
  @IsSubsetOf(BACKUP_SCOPES)
  services: BackupScope[];

  @ApiPropertyOptional({
    description: 'Restore from this other place (GET /api/backups/targets/{id}/points); default: this server',
  })
  @IsOmittable()
  @IsString()
  @Matches(/^[0-9a-f-]{36}$/, { message: 'targetId is not a backup place id' })
  targetId?: string;
}

export class SnapshotParams {
  @ApiProperty()
  @IsString()
  @Matches(/^[a-f0-9-]{8,64}$/, { message: 'snapshotId is not a backup point id' })
  snapshotId: string;
}
