import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
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
import { aliasOf, distinctAliases, MAX_STARTING_ROOMS, ROOM_NAME_MAX_LENGTH } from '../../services/starting-rooms';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimEach = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((item: unknown) => (typeof item === 'string' ? item.trim() : item)) : value;
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
  @ApiPropertyOptional({ description: 'Printed in the log at first start; `appliance setup-token` shows it again' })
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

  @ApiPropertyOptional({
    description:
      "The chat's starting rooms, which every new member joins (an « Annonces » or « Announcements » room is for the admins to post in). Left out: Général and Annonces.",
    type: [String],
    maxItems: MAX_STARTING_ROOMS,
    items: { type: 'string', minLength: 1, maxLength: ROOM_NAME_MAX_LENGTH },
    example: ['Général', 'Annonces', 'Entraide'],
  })
  @IsOmittable()
  @Transform(trimEach)
  @IsStartingRoomNames()
  rooms?: string[];
}

/**
 * The chat's starting rooms, by name; each must give a Matrix alias of its own (`Général` and `general`
 * both give `#general`). Checked whatever the features: chat may be turned on later.
 */
export function IsStartingRoomNames(): PropertyDecorator {
  const rules = [
    ValidateBy(
      {
        name: 'distinctAliases',
        validator: {
          validate: (v: unknown) =>
            !Array.isArray(v) ||
            v.length > MAX_STARTING_ROOMS ||
            distinctAliases(v.filter((n): n is string => typeof n === 'string')),
        },
      },
      { message: 'rooms must have different names (once accents and capitals are set aside)' },
    ),
    ValidateBy(
      {
        name: 'hasAlias',
        validator: { validate: (v: unknown) => typeof v !== 'string' || v === '' || aliasOf(v) !== undefined },
      },
      { each: true, message: 'rooms must each have a name with a letter or a digit' },
    ),
    Matches(NO_CONTROL_CHARACTERS, { each: true, message: 'rooms must not contain control characters' }),
    MaxLength(ROOM_NAME_MAX_LENGTH, {
      each: true,
      message: `rooms must each be at most ${ROOM_NAME_MAX_LENGTH} characters`,
    }),
    MinLength(1, { each: true, message: 'rooms must not contain an empty name' }),
    IsString({ each: true, message: 'rooms must be names' }),
    ArrayMaxSize(MAX_STARTING_ROOMS, { message: `rooms must list at most ${MAX_STARTING_ROOMS} rooms` }),
    IsArray({ message: 'rooms must be a list of names' }),
  ];
  return (target, key) => rules.forEach((rule) => rule(target, key));
}
