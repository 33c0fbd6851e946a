import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuthService } from '../auth/auth.service';
import { setSessionCookies } from '../auth/session-cookie';
import { Public } from '../common/public.decorator';
import { UserDto, UserEnvelopeDto } from '../users/dto/user.dto';
import { SettingsDto, SetupStatusDto } from './dto/setup-status.dto';
import { SetupDto } from './dto/setup.dto';
import {
  DnsRecordsDto,
  DnsRecordsRequestDto,
  PreflightDto,
  PreflightRequestDto,
  SetupTokenDto,
} from './dto/setup-checks.dto';
import { SetupPreflight } from './setup-preflight';
import { SetupTokenCheck } from './setup-token.check';
import { SetupOpenGuard } from './setup-open.guard';
import { SetupService } from './setup.service';
import { ApiErrors } from '../common/openapi-errors';

@ApiTags('setup')
@Controller()
export class SetupController {
  constructor(
    private readonly setup: SetupService,
    private readonly auth: AuthService,
    private readonly token: SetupTokenCheck,
    private readonly preflight: SetupPreflight,
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

  /** The wizard's token step: a wrong token is refused there, not after the last step (throttled). */
  @Public()
  @Post('setup/token')
  @HttpCode(204)
  @UseGuards(SetupOpenGuard)
  @ApiNoContentResponse({ description: 'The setup token is right' })
  @ApiErrors(403, 409, 429)
  checkToken(@Body() dto: SetupTokenDto, @Req() req: Request): void {
    this.token.verify(dto.setupToken, req.ip ?? 'unknown');
  }

  /** The review step's checks before installing: engine, disk, memory for the features, ports. */
  @Public()
  @Post('setup/preflight')
  @HttpCode(200)
  @UseGuards(SetupOpenGuard)
  @ApiOkResponse({ type: PreflightDto })
  @ApiErrors(403, 409, 429)
  runPreflight(@Body() dto: PreflightRequestDto, @Req() req: Request): Promise<PreflightDto> {
    this.token.verify(dto.setupToken, req.ip ?? 'unknown');
    return this.preflight.check(dto.features);
  }

  /** The domain step's list of names to point at this server (nothing secret: the catalog's hosts). */
  @Public()
  @Post('setup/dns-records')
  @HttpCode(200)
  @UseGuards(SetupOpenGuard)
  @ApiOkResponse({ type: DnsRecordsDto })
  @ApiErrors(409)
  dnsRecords(@Body() dto: DnsRecordsRequestDto, @Req() req: Request): DnsRecordsDto {
    return this.preflight.dnsRecords(dto.domain, dto.features, req.headers.host);
  }

  @Get('settings')
  @ApiOkResponse({ type: SettingsDto })
  @ApiErrors(409)
  settings(): Promise<SettingsDto> {
    return this.setup.settings();
  }
}
