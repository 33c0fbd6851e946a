import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FEATURES, type Feature } from '../../setup/setup.types';
import { FEATURE_HEALTHS, FEATURE_STATES, type FeatureHealth, type FeatureState } from '../feature.types';
import { ApiDateTime, ApiEnum, ApiNullable } from '../../common/api-properties';
import { JobErrorDto } from '../../jobs/dto/job.dto';

/** A different image behind a reference one of the feature's services runs: refused, the running container kept. */
export class ImageRefusalDto {
  @ApiProperty({
    example: 'synapse',
    description: 'The catalog component (the proxy and database serve every feature)',
  })
  component: string;

  @ApiProperty({ example: 'matrixdotorg/synapse:v1.163.2' })
  reference: string;

  @ApiProperty({ example: 'sha256:0c994536bddb', description: 'Registry digest (or image id) recorded first' })
  recorded: string;

  @ApiProperty({ example: 'sha256:af5fdcd76f2d', description: 'Registry digest (or image id) found now, refused' })
  offered: string;

  @ApiDateTime()
  at: string;
}

/** A feature (chat, pad, files) as the dashboard shows it: the services behind it summed up. */
export class FeatureDto {
  @ApiEnum(FEATURES)
  id: Feature;

  @ApiProperty({ example: 'Matrix chat' })
  name: string;

  @ApiProperty()
  enabled: boolean;

  @ApiEnum(FEATURE_STATES)
  state: FeatureState;

  @ApiEnum(FEATURE_HEALTHS)
  health: FeatureHealth;

  @ApiNullable()
  version: string | null;

  @ApiNullable({ example: 'https://chat.tiers-lieu.example.org' })
  url: string | null;

  @ApiPropertyOptional()
  memoryBytes?: number;

  @ApiProperty({ type: ImageRefusalDto, isArray: true, description: 'Changed images that were refused' })
  imageRefusals: ImageRefusalDto[];

  @ApiPropertyOptional({
    type: JobErrorDto,
    description: "Why the feature's latest operation failed (absent when it did not): a key, shown after a reload too",
  })
  lastFailure?: JobErrorDto;
}
