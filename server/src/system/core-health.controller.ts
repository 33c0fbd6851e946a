import { Controller, Get, Req } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AuthService } from '../auth/auth.service';
import { Public } from '../common/public.decorator';
import { CoreHealthDto } from './dto/health.dto';
import { mayReadHealthDetails } from './health-details';
import { HealthService, summarize } from './health.service';

/** `/api/health` of a manager without a Docker engine (upstream mode): database and queue only. */
@ApiTags('system')
@Controller()
export class CoreHealthController {
  constructor(
    private readonly health: HealthService,
    private readonly auth: AuthService,
  ) {}

  /** Always 200 while the manager runs; "degraded" names what is down (the image healthcheck reads it). */
  @Public()
  @Get('health')
  @ApiOkResponse({ type: CoreHealthDto })
  async check(@Req() req: Request): Promise<CoreHealthDto> {
    return summarize(await this.health.coreChecks(), await mayReadHealthDetails(req, this.auth));
  }
}
