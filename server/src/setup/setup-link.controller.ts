import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiErrors } from '../common/openapi-errors';
import { Public } from '../common/public.decorator';
import { ModuleRef } from '@nestjs/core';
import { AWAITING_LINK, type AwaitingLinkSource } from './awaiting-link.port';
import { SetupTokenDto } from './dto/setup-checks.dto';
import { SetupLinkDto } from './dto/setup-link.dto';
import { SetupOpenGuard } from './setup-open.guard';
import { SetupTokenCheck } from './setup-token.check';

/**
 * The wizard's view of a link made on first boot from the co-op's enrollment file, so that whoever
 * installs sees it, and answers it, before the first admin exists. Behind the setup token (the host's
 * name is the co-op's business, not a passer-by's), throttled like the token step.
 */
@ApiTags('setup')
@Controller('setup')
export class SetupLinkController {
  constructor(
    private readonly modules: ModuleRef,
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
    const source = this.source();
    return source ? source.awaiting() : { state: 'none' };
  }

  private source(): AwaitingLinkSource | undefined {
    try {
      return this.modules.get<AwaitingLinkSource>(AWAITING_LINK, { strict: false });
    } catch {
      return undefined; // an upstream: no federation module, so no link
    }
  }
}
