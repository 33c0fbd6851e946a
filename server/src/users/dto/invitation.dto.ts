import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, Matches, MaxLength } from 'class-validator';
import { IsNewPassword, IsUsername } from './credentials.rules';
import { ApiDateTime } from '../../common/api-properties';

export class CreateInvitationDto {
  @ApiProperty({ example: 'dominique@example.org' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;
}

export class InvitationCreatedDto {
  @ApiProperty({ description: 'Shown once; only its hash is stored' })
  token: string;

  @ApiDateTime()
  expiresAt: string;
}

export class InvitationDto {
  @ApiProperty()
  email: string;

  @ApiDateTime()
  expiresAt: string;
}

export class AcceptInvitationDto {
  @IsUsername()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  username: string;

  @IsNewPassword()
  password: string;
}

export class PendingInvitationDto {
  @ApiProperty({ description: 'Identifies the invitation for revocation; not its link', pattern: '^[0-9a-f]{64}$' })
  id: string;

  @ApiProperty()
  email: string;

  @ApiProperty({ description: 'Username of the admin who sent it' })
  invitedBy: string;

  @ApiDateTime()
  createdAt: string;

  @ApiDateTime()
  expiresAt: string;
}

export class InvitationIdParams {
  @ApiProperty({ pattern: '^[0-9a-f]{64}$' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'id must be an invitation id from the list of pending invitations' })
  id: string;
}
