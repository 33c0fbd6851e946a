import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ApiDateTime, ApiEnum, ApiNullable } from '../../common/api-properties';
import { IsOmittable } from '../../common/validation';
import { USER_STATUSES, type UserEntity, type UserStatus } from '../../users/user.entity';

export const DISPLAY_NAME_MAX = 64;

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A display name: what others see in chat and on the pad. Any script; trimmed, 1 to 64 characters. */
export const IsDisplayName = (): PropertyDecorator => (target, key) =>
  [
    ApiPropertyOptional({ minLength: 1, maxLength: DISPLAY_NAME_MAX, example: 'Dominique L.' }),
    Transform(trimmed),
    IsOmittable(),
    IsString(),
    MinLength(1, { message: 'displayName must not be empty' }),
    MaxLength(DISPLAY_NAME_MAX, { message: `displayName must be at most ${DISPLAY_NAME_MAX} characters long` }),
  ].forEach((rule) => rule(target, key));

export class MemberDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'dominique' })
  username: string;

  @ApiNullable({ description: 'Null: the username is shown' })
  displayName: string | null;

  @ApiProperty({ description: 'Empty when the member gave none' })
  email: string;

  @ApiEnum(USER_STATUSES)
  status: UserStatus;

  @ApiDateTime()
  createdAt: string;

  static from(user: UserEntity): MemberDto {
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      email: user.email,
      status: user.status,
      createdAt: user.createdAt.toISOString(),
    };
  }
}

export class MemberIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a member id (UUID)' })
  id: string;
}

/** What an admin may set by hand; a pending request is approved or refused by its own routes. */
export const SETTABLE_STATUSES = ['active', 'suspended'] as const;

export class UpdateMemberDto {
  @ApiPropertyOptional({ enum: SETTABLE_STATUSES, description: 'suspended: signed out everywhere, cannot sign in' })
  @IsOmittable()
  @IsIn(SETTABLE_STATUSES, { message: `status must be one of ${SETTABLE_STATUSES.join(', ')}` })
  status?: (typeof SETTABLE_STATUSES)[number];

  @IsDisplayName()
  displayName?: string;
}
