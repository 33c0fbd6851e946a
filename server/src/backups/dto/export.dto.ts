import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { FEATURES, type Feature } from '../../catalog/catalog.types';
import { IsOmittable } from '../../common/validation';
import { PASSPHRASE_MAX, PASSPHRASE_MIN, PASSPHRASE_PATTERN } from '../backup-export';

/** POST /api/backups/exports: one feature of one backup point, encrypted with the admin's passphrase. */
export class ExportRequestDto {
  @ApiProperty({ enum: FEATURES, description: 'The feature whose data is exported' })
  @IsIn(FEATURES)
  service: Feature;

  @ApiPropertyOptional({
    description: 'The backup point (GET /api/backups `snapshots[].id`); default: the latest holding the feature',
  })
  @IsOmittable()
  @IsString()
  @Matches(/^[a-f0-9-]{8,64}$/, { message: 'pointId is not a backup point id' })
  pointId?: string;

  @ApiProperty({
    minLength: PASSPHRASE_MIN,
    maxLength: PASSPHRASE_MAX,
    description:
      'Encrypts the archive; kept nowhere (opening the archive needs it). No white space at either end, no control character.',
  })
  @IsString()
  @MinLength(PASSPHRASE_MIN)
  @MaxLength(PASSPHRASE_MAX)
  @Matches(PASSPHRASE_PATTERN, {
    message: 'passphrase must not start or end with a space, nor hold control characters',
  })
  passphrase: string;
}

export class ExportJobParams {
  @ApiProperty({ description: 'The export job (POST /api/backups/exports `jobId`)' })
  @IsUUID()
  jobId: string;
}
