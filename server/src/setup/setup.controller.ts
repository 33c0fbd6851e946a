import { Body, Controller, Get, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuthService } from '../auth/auth.service';
import { setSessionCookies } from '../auth/session-cookie';
import { Public } from '../common/public.decorator';
import { UserDto, UserEnvelopeDto } from '../users/dto/user.dto';
import { SettingsDto, SetupStatusDto } from './dto/setup-status.dto';
import { SetupDto } from './dto/setup.dto';
import { SetupOpenGuard } from './setup-open.guard';
import { SetupService } from './setup.service';
import { ApiErrors } from '../common/openapi-errors';

@ApiTags('setup')
@Controller()
export class SetupController {
  constructor(
    private readonly setup: SetupService,
    private readonly auth: AuthService,
  ) {}

  @Public()
  @Get('setup/status')
  @ApiOkResponse({ type: SetupStatusDto })
  status(): Promise<SetupStatusDto> {
    return this.setup.status();
  }

  @Public()
  @Post('setup')
  @UseGuards(SetupOpenGuard)
  @ApiCreatedResponse({ type: UserEnvelopeDto })
  @ApiErrors(401, 403, 409)
  async complete(
    @Body() dto: SetupDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UserEnvelopeDto> {
    const admin = await this.setup.complete(dto);
    setSessionCookies(req, res, await this.auth.createSession(admin.id));
    return { user: UserDto.from(admin) };
  }

  @Get('settings')
  @ApiOkResponse({ type: SettingsDto })
  @ApiErrors(409)
  settings(): Promise<SettingsDto> {
    return this.setup.settings();
  }
}
