import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FEATURES, type Feature } from '../../setup/setup.types';
import { SERVICE_HEALTHS, SERVICE_STATES, type ServiceHealth, type ServiceState } from '../service.types';

export class ServiceDto {
  @ApiProperty({ enum: FEATURES })
  id: Feature;

  @ApiProperty({ example: 'Matrix chat' })
  name: string;

  @ApiProperty()
  enabled: boolean;

  @ApiProperty({ enum: SERVICE_STATES })
  state: ServiceState;

  @ApiProperty({ enum: SERVICE_HEALTHS })
  health: ServiceHealth;

  @ApiProperty({ type: String, nullable: true })
  version: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'https://chat.tiers-lieu.example.org' })
  url: string | null;

  @ApiPropertyOptional()
  memoryBytes?: number;
}
