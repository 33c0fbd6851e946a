import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { ROLES, type Role, UserEntity } from '../user.entity';
import { ApiDateTime, ApiEnum } from '../../common/api-properties';

export class UserDto {
  @ApiProperty({ example: 'camille' })
  username: string;

  @ApiProperty({ example: 'camille@example.org' })
  email: string;

  @ApiEnum(ROLES)
  role: Role;

  static from(user: UserEntity): UserDto {
    return { username: user.username, email: user.email, role: user.role };
  }
}

export class UserListItemDto extends UserDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiDateTime()
  createdAt: string;

  static fromEntity(user: UserEntity): UserListItemDto {
    return { ...UserDto.from(user), id: user.id, createdAt: user.createdAt.toISOString() };
  }
}

export class UserIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a user id (UUID)' })
  id: string;
}

export class UserEnvelopeDto {
  @ApiProperty({ type: UserDto })
  user: UserDto;
}
