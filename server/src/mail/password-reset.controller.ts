import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiErrors } from '../common/openapi-errors';
import { Public } from '../common/public.decorator';
import {
  PasswordResetDto,
  PasswordResetRequestDto,
  PasswordResetRequestedDto,
  PasswordResetStatusDto,
} from './dto/password-reset.dto';
import { RESET_TTL_MINUTES } from './password-reset.rules';
import { PasswordResetService } from './password-reset.service';

/** "Forgot my password": a link by mail, when outgoing mail is set up (409 otherwise). */
@ApiTags('auth')
@Controller('auth/password-reset')
export class PasswordResetController {
  constructor(private readonly resets: PasswordResetService) {}

  /** 202 whatever the address: the answer never says whether an account has it. */
  @Public()
  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({
    type: PasswordResetRequestedDto,
    description: 'If an active account has this address, a link is on its way',
  })
  @ApiErrors(409, 429)
  async request(@Body() dto: PasswordResetRequestDto, @Req() req: Request): Promise<PasswordResetRequestedDto> {
    await this.resets.request(dto.email, req.ip ?? 'unknown');
    return { validMinutes: RESET_TTL_MINUTES };
  }

  @Public()
  @Get(':token')
  @ApiOkResponse({ type: PasswordResetStatusDto, description: 'valid, used or expired' })
  @ApiErrors(404)
  describe(@Param('token') token: string): Promise<PasswordResetStatusDto> {
    return this.resets.describe(token);
  }

  /** Sets the new password; every session of the account ends, and the link stops working. */
  @Public()
  @Post(':token')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiErrors(404, 410, 429)
  reset(@Param('token') token: string, @Body() dto: PasswordResetDto, @Req() req: Request): Promise<void> {
    return this.resets.reset(token, dto.password, req.ip ?? 'unknown');
  }
}
