import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, MaxLength } from 'class-validator';
import { ApiEnum } from '../../common/api-properties';
import { IsNewPassword } from '../../users/dto/credentials.rules';
import { RESET_STATES, type ResetState } from '../password-reset.rules';

export class PasswordResetRequestDto {
  @ApiProperty({ maxLength: 254, example: 'dominique@example.org' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;
}

export class PasswordResetDto {
  @IsNewPassword()
  password: string;
}

/** What the reset page needs before its form: one message per state. */
export class PasswordResetStatusDto {
  @ApiEnum(RESET_STATES)
  state: ResetState;
}

/** The same answer whatever the address: it never says whether an account has it. */
export class PasswordResetRequestedDto {
  @ApiProperty({ example: 30, description: 'How long a link sent now works, in minutes' })
  validMinutes: number;
}
