import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiEnum } from '../../common/api-properties';

/** A host as its admins check it against what the co-op said (the wizard and the federation card). */
export class UpstreamDto {
  @ApiProperty({ example: 'Coop Hébergement' })
  name: string;

  @ApiProperty({ example: 'https://hub.example.coop' })
  url: string;

  @ApiProperty({ example: '3f2a:…', description: "SHA-256 of the upstream's public key, first 16 bytes" })
  fingerprint: string;
}

export class SetupLinkDto {
  @ApiEnum(['none', 'awaiting'] as const, {
    description:
      'awaiting: this server joined a host on first boot (the enrollment file); the wizard asks to confirm or refuse',
  })
  state: 'none' | 'awaiting';

  @ApiPropertyOptional({ type: UpstreamDto })
  upstream?: UpstreamDto;
}
