import { ApiProperty } from '@nestjs/swagger';

/** A new password for the chat admin account: answered once, never stored by the manager. */
export class ChatAdminPasswordDto {
  @ApiProperty({ example: '@camille:tiers-lieu.example.org' })
  userId: string;

  @ApiProperty({ description: 'Shown once: the manager keeps no copy.' })
  password: string;
}
