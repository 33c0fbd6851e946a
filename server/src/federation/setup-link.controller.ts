import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiErrors } from '../common/openapi-errors';
import { Public } from '../common/public.decorator';
import { SetupTokenDto } from '../setup/dto/setup-checks.dto';
import { SetupOpenGuard } from '../setup/setup-open.guard';
import { SetupTokenCheck } from '../setup/setup-token.check';
import { SetupLinkDto } from './dto/federation.dto';
import { FederationService } from './federation.service';

/**
 * The wizard's view of a link made on first boot from the co-op's enrollment file, so that whoever
 * installs sees it, and answers it, before the first admin exists. Behind the setup token (the host's
 * name is the co-op's business, not a passer-by's), throttled like the token step.
 */
@ApiTags('setup')
@Controller('setup')
export class SetupLinkController {
  constructor(
    private readonly federation: FederationService,
    private readonly token: SetupTokenCheck,
  ) {}

  @Public()
  @Post('link')
  @HttpCode(200)
  @UseGuards(SetupOpenGuard)
  @ApiOkResponse({ type: SetupLinkDto })
  @ApiErrors(403, 409, 429)
  async link(@Body() dto: SetupTokenDto, @Req() req: Request): Promise<SetupLinkDto> {
    this.token.verify(dto.setupToken, req.ip ?? 'unknown');
    const status = await this.federation.status();
    return status.state === 'awaiting' && status.upstream
      ? { state: 'awaiting', upstream: status.upstream }
      : { state: 'none' };
  }
}
