import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ApiEnum, ApiNullable } from '../../common/api-properties';
import { IsOmittable } from '../../common/validation';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../users/dto/credentials.rules';
import { ROLES, type Role, type UserEntity } from '../../users/user.entity';
import { IsDisplayName } from './member.dto';

/** One's own account, for a member's page (an admin's too). */
export class MeDto {
  @ApiProperty({ example: 'dominique' })
  username: string;

  @ApiNullable({ description: 'Null: the username is shown' })
  displayName: string | null;

  @ApiProperty()
  email: string;

  @ApiEnum(ROLES)
  role: Role;

  @ApiProperty({ description: 'Whether the account has a picture (GET /api/me/avatar answers 404 when not)' })
  hasAvatar: boolean;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the picture was last stored (changes with it: a cache key for its address); null without one',
  })
  avatarUpdatedAt: string | null;

  static from(user: UserEntity, avatarUpdatedAt: Date | null): MeDto {
    return {
      username: user.username,
      displayName: user.displayName,
      email: user.email,
      role: user.role,
      hasAvatar: avatarUpdatedAt !== null,
      avatarUpdatedAt: avatarUpdatedAt?.toISOString() ?? null,
    };
  }
}

export class UpdateMeDto {
  @IsDisplayName()
  displayName?: string;

  @ApiPropertyOptional({ format: 'password', description: 'Required with newPassword' })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  currentPassword?: string;

  @ApiPropertyOptional({ format: 'password', minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX })
  @IsOmittable()
  @IsString()
  @MinLength(PASSWORD_MIN, { message: `newPassword must be at least ${PASSWORD_MIN} characters long` })
  @MaxLength(PASSWORD_MAX, { message: `newPassword must be at most ${PASSWORD_MAX} characters long` })
  newPassword?: string;
}
