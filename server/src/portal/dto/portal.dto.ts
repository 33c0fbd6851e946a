import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FEATURES, type Feature } from '../../catalog/catalog.types';
import { ApiEnum } from '../../common/api-properties';

export class PortalCommunityDto {
  @ApiProperty({ example: 'La Fabrique du Coin' })
  name: string;

  @ApiProperty({ example: '#2f7d5b' })
  color: string;

  @ApiPropertyOptional({ description: 'PNG, JPEG or WebP as a data URL, when the community has one' })
  logo?: string;
}

export class PortalFeatureDto {
  @ApiEnum(FEATURES)
  id: Feature;

  @ApiProperty({ example: 'https://chat.fabrique.example.org/', description: 'Where members open it' })
  url: string;
}

/** The community's home page: what anyone may see, with no session (nothing secret in it). */
export class PortalDto {
  @ApiProperty({ type: PortalCommunityDto })
  community: PortalCommunityDto;

  @ApiProperty({ example: 'fabrique.example.org', description: 'The community’s own address' })
  domain: string;

  @ApiProperty({ type: PortalFeatureDto, isArray: true, description: 'Running features only, in a fixed order' })
  features: PortalFeatureDto[];
}
