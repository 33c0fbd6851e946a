import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role, UserEntity } from '../user.entity';

export class UserDto {
  @ApiProperty({ example: 'camille' })
  username: string;

  @ApiProperty({ example: 'camille@example.org' })
  email: string;

  @ApiProperty({ enum: ROLES })
  role: Role;

  static from(user: UserEntity): UserDto {
    return { username: user.username, email: user.email, role: user.role };
  }
}

export class UserListItemDto extends UserDto {
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  static fromEntity(user: UserEntity): UserListItemDto {
    return { ...UserDto.from(user), createdAt: user.createdAt.toISOString() };
  }
}

export class UserEnvelopeDto {
  @ApiProperty({ type: UserDto })
  user: UserDto;
}
