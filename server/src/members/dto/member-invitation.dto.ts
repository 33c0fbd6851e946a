import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsInt, Matches, Max, MaxLength, Min } from 'class-validator';
import { ApiDateTime, ApiEnum } from '../../common/api-properties';
import { IsOmittable } from '../../common/validation';
import { IsNewPassword, IsUsername } from '../../users/dto/credentials.rules';
import { INVITATION_KINDS, type InvitationKind } from '../member-invitation.entity';
import { INVITATION_STATES, type InvitationState, MAX_EXPIRY_HOURS, MAX_SHARED_USES } from '../member-invitation.rules';
import { IsDisplayName } from './member.dto';
import { SMTP_PROBLEMS, type SmtpProblem } from '../../mail/smtp.types';

export class CreateMemberInvitationDto {
  @ApiEnum(INVITATION_KINDS, { description: 'single: one person; shared: up to maxUses people' })
  @IsIn(INVITATION_KINDS, { message: `kind must be one of ${INVITATION_KINDS.join(', ')}` })
  kind: InvitationKind;

  @ApiProperty({ minimum: 1, maximum: MAX_EXPIRY_HOURS, example: 48 })
  @IsInt({ message: 'expiresInHours must be a whole number of hours' })
  @Min(1)
  @Max(MAX_EXPIRY_HOURS)
  expiresInHours: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_SHARED_USES,
    description: 'Required for a shared link; 1 for single',
  })
  @IsOmittable()
  @IsInt({ message: 'maxUses must be a whole number' })
  @Min(1)
  @Max(MAX_SHARED_USES)
  maxUses?: number;

  @ApiPropertyOptional({
    maxLength: 254,
    example: 'dominique@example.org',
    description: 'A single-use link only: sent there by mail (409 when outgoing mail is not set up)',
  })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsOmittable()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email?: string;
}

/** Why the invitation mail did not leave (the link was made all the same: copy it). */
export class InvitationMailErrorDto {
  @ApiEnum(SMTP_PROBLEMS, { description: 'Translated by the web app as mail.error.<key>' })
  key: SmtpProblem;

  @ApiProperty({ description: "The relay's own words" })
  details: string;
}

export class MemberInvitationCreatedDto {
  @ApiProperty({ description: 'Shown once; only its hash is stored' })
  token: string;

  @ApiProperty({ description: 'The path of the page that accepts it, on this site', example: '/#/join/abc' })
  path: string;

  @ApiEnum(INVITATION_KINDS)
  kind: InvitationKind;

  @ApiProperty()
  maxUses: number;

  @ApiDateTime()
  expiresAt: string;

  @ApiProperty({ description: 'The link was handed to the mail relay for the email given' })
  mailed: boolean;

  @ApiProperty({ type: InvitationMailErrorDto, nullable: true, description: 'Why the mail did not leave' })
  mailError: InvitationMailErrorDto | null;
}

/** A link as the admins' list shows it: never the link itself, which only its creator saw. */
export class MemberInvitationDto {
  @ApiProperty({ description: 'Identifies the link for revocation; not its token', pattern: '^[0-9a-f]{64}$' })
  id: string;

  @ApiEnum(INVITATION_KINDS)
  kind: InvitationKind;

  @ApiProperty()
  maxUses: number;

  @ApiProperty()
  uses: number;

  @ApiProperty({ description: 'Username of the admin who made it' })
  createdBy: string;

  @ApiDateTime()
  createdAt: string;

  @ApiDateTime()
  expiresAt: string;
}

export class MemberInvitationIdParams {
  @ApiProperty({ pattern: '^[0-9a-f]{64}$' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'id must be an invitation id from the list of member invitations' })
  id: string;
}

/** What the accept page needs to know before showing its form: one message per state. */
export class MemberInvitationStatusDto {
  @ApiEnum(INVITATION_STATES)
  state: InvitationState;

  @ApiDateTime()
  expiresAt: string;
}

export class AcceptMemberInvitationDto {
  @IsUsername()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  username: string;

  @IsNewPassword()
  password: string;

  @IsDisplayName()
  displayName?: string;

  @ApiPropertyOptional({ example: 'dominique@example.org', description: 'For password resets by mail, later' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsOmittable()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email?: string;
}
