import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsString, Length, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { ApiEnum } from '../../common/api-properties';
import { MAIL_SECURITIES, type MailSecurity } from '../mail-settings.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** May be left out or null (both mean "none"); a string must be valid. */
const IsNullable = () => ValidateIf((_o: unknown, value: unknown) => value !== undefined && value !== null);
/** A host name or an IP address: no scheme, no port, no spaces. */
const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$|^[0-9a-fA-F:.]+$/;

export const PASSWORD_STATES = ['set', 'notSet'] as const;
export type PasswordState = (typeof PASSWORD_STATES)[number];

/** The relay as the dashboard shows it: never its password, only whether one is set. */
export class MailSettingsDto {
  @ApiProperty({ example: 'smtp.example.org' })
  host: string;

  @ApiProperty({ example: 587 })
  port: number;

  @ApiEnum(MAIL_SECURITIES, {
    description: 'none: plain; starttls: upgrade required (587); tls: TLS from the start (465)',
  })
  security: MailSecurity;

  @ApiProperty({ type: String, nullable: true, description: 'null: the relay takes mail without signing in' })
  username: string | null;

  @ApiEnum(PASSWORD_STATES)
  password: PasswordState;

  @ApiProperty({ example: 'bonjour@fabrique.example' })
  fromAddress: string;

  @ApiProperty({ type: String, nullable: true, description: "null: the community's name" })
  fromName: string | null;
}

export class MailSettingsEnvelopeDto {
  @ApiProperty({ type: MailSettingsDto, nullable: true, description: 'null: outgoing mail is not set up' })
  settings: MailSettingsDto | null;
}

export class PutMailSettingsDto {
  @ApiProperty({ minLength: 1, maxLength: 253, example: 'smtp.example.org', description: 'A host name or IP address' })
  @Transform(trim)
  @IsString()
  @Length(1, 253)
  @Matches(HOST, { message: 'host must be a host name or an IP address (no scheme, no port)' })
  host: string;

  @ApiProperty({ minimum: 1, maximum: 65535, example: 587 })
  @IsInt({ message: 'port must be a whole number' })
  @Min(1)
  @Max(65535)
  port: number;

  @ApiEnum(MAIL_SECURITIES)
  @IsIn(MAIL_SECURITIES, { message: `security must be one of ${MAIL_SECURITIES.join(', ')}` })
  security: MailSecurity;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    minLength: 1,
    maxLength: 254,
    description: 'Left out or null: no sign-in',
  })
  @Transform(trim)
  @IsNullable()
  @IsString()
  @Length(1, 254)
  username?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'password',
    minLength: 1,
    maxLength: 512,
    description: 'Left out: keep the one stored; null: remove it; stored as a 0600 file, never returned',
  })
  @IsNullable()
  @IsString()
  @Length(1, 512)
  password?: string | null;

  @ApiProperty({ maxLength: 254, example: 'bonjour@fabrique.example' })
  @Transform(trim)
  @IsEmail({}, { message: 'fromAddress must be an email address' })
  @MaxLength(254)
  fromAddress: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    minLength: 1,
    maxLength: 100,
    description: "Left out or null: the community's name",
  })
  @Transform(trim)
  @IsNullable()
  @IsString()
  @Length(1, 100)
  @Matches(/^[^\r\n]*$/, { message: 'fromName must be one line' })
  fromName?: string | null;
}

export class MailTestDto {
  @ApiProperty({ maxLength: 254, example: 'camille@example.org' })
  @Transform(trim)
  @IsEmail({}, { message: 'to must be an email address' })
  @MaxLength(254)
  to: string;
}

export class MailTestResultDto {
  @ApiProperty({ description: 'The relay took the message (whether it arrives is up to the mailbox)' })
  sent: boolean;
}
