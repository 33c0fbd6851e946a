import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsString, Length } from 'class-validator';
import { ApiDateTime, ApiEnum } from '../../common/api-properties';
import { UpstreamDto } from '../../setup/dto/setup-link.dto';

export { UpstreamDto };

export const LINK_STATES = ['none', 'awaiting', 'enrolled', 'revoked'] as const;
export type LinkState = (typeof LINK_STATES)[number];

export class EnrollmentCodeDto {
  @ApiProperty({ minLength: 10, maxLength: 2000, description: 'The code the mutualised host gave (tlup1.…)' })
  @IsString()
  @Length(10, 2000)
  code: string;
}

export class EnrollDto extends EnrollmentCodeDto {
  @ApiProperty({ enum: [true], description: 'The admin saw the preview and agrees' })
  @Equals(true, { message: 'consent must be true' })
  consent: true;
}

export class FederationPreviewDto {
  @ApiProperty({ type: UpstreamDto })
  upstream: UpstreamDto;
}

export class FederationStatusDto {
  @ApiEnum(LINK_STATES, {
    description:
      'awaiting: joined on first boot from a pre-provisioned enrollment file, waiting for an admin to confirm or refuse (nothing is sent until then); revoked: the host refuses this server (revoked, or left on its side)',
  })
  state: LinkState;

  @ApiPropertyOptional({ type: UpstreamDto })
  upstream?: UpstreamDto;

  @ApiPropertyOptional()
  applianceId?: string;

  @ApiDateTime()
  @ApiPropertyOptional()
  enrolledAt?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  lastContactAt?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'A message key (link.error.*)' })
  lastError?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  nextAttemptAt?: string | null;
}

export class FederationLeftDto {
  @ApiProperty({ description: 'False: the host did not answer; this server left on its side all the same' })
  upstreamConfirmed: boolean;
}
