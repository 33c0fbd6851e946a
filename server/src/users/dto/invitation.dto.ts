import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, MaxLength } from 'class-validator';
import { IsNewPassword, IsUsername } from './credentials.rules';

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

  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt: string;
}

export class InvitationDto {
  @ApiProperty()
  email: string;

  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt: string;
}

export class AcceptInvitationDto {
  @IsUsername()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  username: string;

  @IsNewPassword()
  password: string;
}
