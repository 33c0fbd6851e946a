import { Body, Controller, Get, Patch, Req } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthContext } from '../auth/auth.types';
import { CurrentAuth } from '../auth/current-auth.decorator';
import { MembersToo } from '../auth/members-too.decorator';
import { ApiErrorDto, ApiErrors } from '../common/openapi-errors';
import { MeDto, UpdateMeDto } from './dto/me.dto';
import { MeService } from './me.service';

/** One's own account; members reach it too. */
@ApiTags('members')
@Controller('me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @MembersToo()
  @Get()
  @ApiOkResponse({ type: MeDto })
  get(@CurrentAuth() auth: AuthContext): MeDto {
    return this.me.get(auth);
  }

  /** A new password needs the current one and ends every other session of the account. */
  @MembersToo()
  @Patch()
  // Every field is optional: an empty body changes nothing and answers the account as it is.
  @ApiBody({ type: UpdateMeDto, required: false })
  @ApiOkResponse({ type: MeDto })
  @ApiErrors(429)
  // The member's page tells a mistyped current password from a refused new one by these codes.
  @ApiResponse({
    status: 400,
    description:
      'Invalid input: `errors` names each bad field. `currentPassword` with code `wrong`: not the current password; ' +
      '`currentPassword` or `newPassword` with code `required`: one was sent without the other; ' +
      '`newPassword` with code `containsUsername`, `minLength` or `maxLength`',
    type: ApiErrorDto,
  })
  update(@CurrentAuth() auth: AuthContext, @Body() dto: UpdateMeDto, @Req() req: Request): Promise<MeDto> {
    return this.me.update(auth, dto, req.ip ?? 'unknown');
  }
}
