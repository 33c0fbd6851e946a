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

  @ApiProperty({
    nullable: true,
    type: String,
    example: 'SHA256:B1JZmOt13EwhmD66PEKEZUxAxhYUKecR3XCIPC5kRUc',
    description: 'sftp: the fingerprint of the pinned host key (null for the other kinds)',
  })
  hostKeyFingerprint: string | null;

  @ApiProperty({ nullable: true, type: Boolean, description: 's3: path-style requests (null for the other kinds)' })
  s3PathStyle: boolean | null;
}

export class BackupSshKeyDto {
  @ApiProperty({
    example: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI… tiers-lieux-backups',
    description: 'The appliance’s public key, to add to an SFTP server’s authorized_keys',
  })
  publicKey: string;
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

  @ApiProperty({ enum: TARGET_KINDS })
  @IsIn(TARGET_KINDS)
  kind: TargetKind;

  @ApiProperty({
    maxLength: 1024,
    description:
      'directory: an absolute path of the host; rest: an http(s) URL (a password in it is kept apart); ' +
      'sftp: sftp://user@host[:port]/absolute/path; s3: https://endpoint/bucket[/path]',
  })
  @IsString()
  @MaxLength(1024)
  location: string;

  // A keyscan of three keys is about 1.1 KB; the bound keeps any refused value under the 16 KiB body limit.
  @ApiPropertyOptional({
    maxLength: 2048,
    description:
      'sftp (required): the server’s host public key, pinned (a known_hosts or .pub line); kept in a 0600 file',
  })
  @IsOmittable()
  @IsString()
  @MaxLength(2048)
  hostKey?: string;

  @ApiPropertyOptional({ maxLength: 256, description: 's3 (required): the access key id; kept in a 0600 file' })
  @IsOmittable()
  @IsString()
  @MaxLength(256)
  accessKeyId?: string;

  @ApiPropertyOptional({ maxLength: 256, description: 's3 (required): the secret key; kept in a 0600 file' })
  @IsOmittable()
  @IsString()
  @MaxLength(256)
  secretAccessKey?: string;

  @ApiPropertyOptional({ description: 's3: path-style requests (endpoint/bucket), for most self-hosted services' })
  @IsOmittable()
  @IsBoolean()
  pathStyle?: boolean;

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
