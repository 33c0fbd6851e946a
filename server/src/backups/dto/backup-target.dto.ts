import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsObject,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsOmittable } from '../../common/validation';
import { TARGET_KINDS, type TargetKind } from '../backup-target-location';
import { RetentionDto } from './schedule.dto';

const RETENTION_DOC = {
  type: RetentionDto,
  nullable: true,
  description: 'This place’s own retention; null keeps everything (what an append-only server needs)',
} as const;

export class BackupTargetErrorDto {
  @ApiProperty({ description: 'Translated by the web app as jobs.error.<key>' })
  key: string;

  @ApiProperty({ nullable: true, type: String })
  detail: string | null;
}

export class BackupTargetDto {
  @ApiProperty()
  id: string;

  @ApiProperty()
  label: string;

  @ApiProperty({ enum: TARGET_KINDS })
  kind: TargetKind;

  @ApiProperty({ description: 'A directory of the host, or a URL without its password' })
  location: string;

  @ApiProperty()
  enabled: boolean;

  @ApiProperty(RETENTION_DOC)
  retention: RetentionDto | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'The last copy of a backup' })
  lastAttemptAt: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  lastSuccessAt: string | null;

  @ApiProperty({ type: BackupTargetErrorDto, nullable: true, description: 'Why the last copy failed' })
  lastError: BackupTargetErrorDto | null;

  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When a recovery key was added here (null: no recovery key opens this place)',
  })
  recoveryKeyAt: string | null;
}

export class BackupTargetListDto {
  @ApiProperty({ type: BackupTargetDto, isArray: true })
  targets: BackupTargetDto[];
}

export class NewBackupTargetDto {
  @ApiProperty({ minLength: 1, maxLength: 60, example: 'Disque USB' })
  @IsString()
  @Length(1, 60)
  @Matches(/\S/, { message: 'label must not be blank' })
  label: string;

  @ApiProperty({ enum: TARGET_KINDS, description: 'sftp and s3 are refused for now (400, code kindNotYet)' })
  @IsIn(TARGET_KINDS)
  kind: TargetKind;

  @ApiProperty({
    maxLength: 1024,
    description: 'directory: an absolute path of the host; rest: an http(s) URL (a password in it is kept apart)',
  })
  @IsString()
  @MaxLength(1024)
  location: string;

  @ApiProperty(RETENTION_DOC)
  // null keeps everything; an object must be a whole retention.
  @ValidateIf((_o: unknown, value: unknown) => value !== null)
  @IsObject()
  @ValidateNested()
  @Type(() => RetentionDto)
  retention: RetentionDto | null;
}

export class BackupTargetChangeDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 60 })
  @IsOmittable()
  @IsString()
  @Length(1, 60)
  @Matches(/\S/, { message: 'label must not be blank' })
  label?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional(RETENTION_DOC)
  @ValidateIf((_o: unknown, value: unknown) => value !== null && value !== undefined)
  @IsObject()
  @ValidateNested()
  @Type(() => RetentionDto)
  retention?: RetentionDto | null;
}

export class BackupTargetParams {
  @ApiProperty()
  @IsString()
  @Matches(/^[0-9a-f-]{36}$/, { message: 'id is not a backup target id' })
  id: string;
}
