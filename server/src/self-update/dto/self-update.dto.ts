import { ApiProperty } from '@nestjs/swagger';
import { SELF_UPDATE_STATES, type SelfUpdateState } from '../self-update.types';
import { ApiDateTime, ApiEnum, ApiNullable } from '../../common/api-properties';

export class ImageVersionDto {
  @ApiProperty({ example: 'tiers-lieux/appliance:stable' })
  image: string;

  @ApiNullable({ example: '0.2.0', description: 'org.opencontainers.image.version' })
  version: string | null;

  @ApiProperty({
    example: 'sha256:9b1d34adbce1dd07ee6e94b4a2cf698884b89bd44a6c9c12f5da8f3acbfe4957',
    description: 'Registry digest of the image, or its image id when it was not pulled from a registry',
  })
  digest: string;
}

export class SelfUpdateResultDto {
  @ApiEnum(SELF_UPDATE_STATES)
  state: SelfUpdateState;

  @ApiNullable({ description: 'Why it rolled back or failed' })
  reason: string | null;

  @ApiDateTime()
  at: string;

  @ApiProperty()
  from: string;

  @ApiProperty()
  to: string;

  @ApiNullable()
  fromVersion: string | null;

  @ApiNullable()
  toVersion: string | null;
}

export class SelfUpdateStatusDto {
  @ApiProperty({ description: 'Whether this manager can replace itself (it runs in the appliance image)' })
  supported: boolean;

  @ApiNullable({ description: 'Why not, when unsupported' })
  reason: string | null;

  @ApiNullable({ type: ImageVersionDto, description: 'Null outside the appliance image' })
  current: ImageVersionDto | null;

  @ApiNullable({ type: ImageVersionDto, description: 'The update channel, when it holds a newer image' })
  available: ImageVersionDto | null;

  @ApiNullable({
    description: 'Why the available image is refused: another image was recorded with the same version',
  })
  refused: string | null;

  @ApiNullable({ type: SelfUpdateResultDto })
  last: SelfUpdateResultDto | null;

  @ApiProperty({ description: 'An update is under way (its job, or its helper container)' })
  updating: boolean;

  @ApiNullable({ description: 'The job of the update under way, to follow it' })
  jobId: string | null;
}
