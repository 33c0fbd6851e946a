import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { AcceptMemberInvitationDto } from './member-invitation.dto';

/** What a person gives to ask to join: the same fields, and rules, as joining by a link. */
export class SignUpDto extends AcceptMemberInvitationDto {}

/** Anyone may read it: the portal shows "Ask to join" only when it is true. */
export class SignUpStatusDto {
  @ApiProperty({ description: 'Whether anyone may ask to join (an admin approves each request)' })
  open: boolean;
}

export class SignUpSettingsDto {
  @ApiProperty({ description: 'Open sign-up, each request approved by an admin; off by default' })
  @IsBoolean({ message: 'open must be true or false' })
  open: boolean;
}

export class SignUpRequestedDto {
  @ApiProperty({ example: 'dominique' })
  username: string;

  @ApiProperty({ enum: ['pending'], description: 'The account waits for an admin; it cannot sign in yet' })
  status: 'pending';
}
