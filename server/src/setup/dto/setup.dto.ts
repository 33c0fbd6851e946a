import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { isDomainName } from '../../common/domain';
import { IsDistinctSubset } from '../../common/feature-set.validator';
import { IsOmittable } from '../../common/validation';
import { IsNewPassword, IsUsername } from '../../users/dto/credentials.rules';
import { FEATURES, type Feature, LANGUAGES, type Language } from '../setup.types';
import { ApiEnum } from '../../common/api-properties';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

/** Control characters (new lines, escapes) would forge or garble log lines and page titles. */
export const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u;
export const FEATURES_MESSAGE = 'features must list chat, pad or files, each at most once';
export const LOGO_PATTERN = /^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]+={0,2}$/;
export const LOGO_MAX_CHARS = 350_000; // 256 KiB once base64-encoded

export class CommunityDto {
  @ApiProperty({ minLength: 1, maxLength: 80, example: 'La Fabrique du Coin', pattern: '^[^\\x00-\\x1f\\x7f-\\x9f]*$' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(80)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'name must not contain control characters' })
  name: string;

  @ApiProperty({ pattern: '^#[0-9a-fA-F]{6}$', example: '#2f7d5b' })
  @IsString()
  @Matches(/^#[0-9a-fA-F]{6}$/, { message: 'color must be a colour like #2f7d5b' })
  color: string;

  @ApiPropertyOptional({
    description: 'PNG, JPEG or WebP as a data URL, at most 256 KiB',
    pattern: LOGO_PATTERN.source,
    maxLength: LOGO_MAX_CHARS,
  })
  @IsOmittable()
  @IsString()
  @MaxLength(LOGO_MAX_CHARS, { message: 'logo must be at most 256 KiB' })
  @Matches(LOGO_PATTERN, { message: 'logo must be a PNG, JPEG or WebP image' })
  logo?: string;
}

export class AdminDto {
  @IsUsername()
  @Transform(lower)
  username: string;

  @ApiProperty({ example: 'camille@example.org' })
  @Transform(trim)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @IsNewPassword()
  password: string;
}

export class SetupDto {
  @ApiPropertyOptional({ description: 'Printed in the log and stored in DATA_DIR/setup-token' })
  @IsOmittable()
  @IsString()
  @MaxLength(256)
  setupToken?: string;

  @ApiEnum(LANGUAGES)
  @IsIn(LANGUAGES, { message: 'language must be fr or en' })
  language: Language;

  @ApiProperty({ type: CommunityDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CommunityDto)
  community: CommunityDto;

  @ApiProperty({ example: 'tiers-lieu.example.org' })
  @Transform(lower)
  @IsString()
  @ValidateBy(
    { name: 'isDomainName', validator: { validate: (v: unknown) => typeof v === 'string' && isDomainName(v) } },
    {
      message: 'domain must be a domain name such as tiers-lieu.example.org',
    },
  )
  domain: string;

  @ApiProperty({ type: AdminDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AdminDto)
  admin: AdminDto;

  @ApiProperty({ enum: FEATURES, isArray: true, uniqueItems: true, maxItems: FEATURES.length })
  @IsDistinctSubset(FEATURES, { message: FEATURES_MESSAGE })
  features: Feature[];
}
