import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsOmittable } from '../../common/validation';

/** The wizard's "Restore from a backup": the repository and the recovery key shown when backups began. */
export class RecoveryRequestDto {
  @ApiProperty({ description: 'The setup token printed in the server log' })
  @IsString()
  @MaxLength(200)
  setupToken: string;

  @ApiProperty({ description: 'The recovery key shown once when the first backup was made' })
  @IsString()
  @MinLength(8)
  @MaxLength(512)
  recoveryKey: string;

  @ApiPropertyOptional({
    description:
      'Absolute path of the repository on this machine (a mounted disk); default: the data directory own backups/repository',
    example: '/mnt/backup-disk/tiers-lieux',
  })
  @IsOmittable()
  @IsString()
  @MaxLength(1024)
  @Matches(/^\/[^\0]*$/, { message: 'repository must be an absolute path' })
  repository?: string;
}
