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

  static from(user: UserEntity): MeDto {
    return { username: user.username, displayName: user.displayName, email: user.email, role: user.role };
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
