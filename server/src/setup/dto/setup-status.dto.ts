import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FEATURES, type Feature, LANGUAGES, type Language } from '../setup.types';
import { ApiEnum } from '../../common/api-properties';
import { MODES, type Mode } from '../../config/app-config';

export class BrandingDto {
  @ApiProperty()
  name: string;

  @ApiProperty()
  color: string;

  @ApiPropertyOptional()
  logo?: string;
}

export class SetupStatusDto {
  @ApiProperty()
  completed: boolean;

  @ApiPropertyOptional({ type: BrandingDto })
  community?: BrandingDto;

  @ApiPropertyOptional({ enum: LANGUAGES })
  language?: Language;

  @ApiPropertyOptional({
    enum: MODES,
    description: "Once setup is completed: what the dashboard shows (a community's tools, or a hosting co-op's fleet)",
  })
  mode?: Mode;
}

export class FeatureStateDto {
  @ApiEnum(FEATURES)
  id: Feature;

  @ApiProperty()
  enabled: boolean;
}

export class SettingsDto {
  @ApiProperty({
    description: 'Prefix of every container, volume and network this appliance owns',
    example: '8a0ff8c5',
  })
  applianceId: string;

  @ApiProperty({ type: BrandingDto })
  community: BrandingDto;

  @ApiProperty()
  domain: string;

  @ApiEnum(LANGUAGES)
  language: Language;

  @ApiProperty({ type: FeatureStateDto, isArray: true })
  features: FeatureStateDto[];

  @ApiProperty({
    description: "The chat's starting rooms, which every new member joins, by name",
    type: [String],
    example: ['Général', 'Annonces'],
  })
  startingRooms: string[];
}
