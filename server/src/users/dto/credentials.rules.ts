import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

export const USERNAME_PATTERN = /^[a-z0-9._-]{3,32}$/;
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

/** Usernames double as Matrix localparts, so they keep to Matrix's safe characters. */
export const IsUsername = () =>
  applyDecorators(
    ApiProperty({ pattern: USERNAME_PATTERN.source, example: 'camille' }),
    IsString(),
    Matches(USERNAME_PATTERN, {
      message: 'username must be 3 to 32 characters: lowercase letters, digits, dot, dash or underscore',
    }),
  );

/** Length is what makes a password strong (NIST 800-63B); no composition rules to game. */
export const IsNewPassword = () =>
  applyDecorators(
    ApiProperty({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX, format: 'password' }),
    IsString(),
    MinLength(PASSWORD_MIN, { message: `password must be at least ${PASSWORD_MIN} characters long` }),
    MaxLength(PASSWORD_MAX, { message: `password must be at most ${PASSWORD_MAX} characters long` }),
  );
