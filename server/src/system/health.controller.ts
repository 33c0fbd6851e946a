import { Controller, Get, Req } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AuthService } from '../auth/auth.service';
import { Public } from '../common/public.decorator';
import { HealthDto } from './dto/health.dto';
import { mayReadHealthDetails } from './health-details';
import { HealthReport } from './health-report';

/** `/api/health` in every mode; what it checks is the mode's HealthReport (an upstream has no engine). */
@ApiTags('system')
@Controller()
export class HealthController {
  constructor(
    private readonly report: HealthReport,
    private readonly auth: AuthService,
  ) {}

  /** Always 200 while the manager runs; "degraded" names what is down (the image healthcheck reads it). */
  @Public()
  @Get('health')
  @ApiOkResponse({ type: HealthDto })
  async health(@Req() req: Request): Promise<HealthDto> {
    return this.report.health(await mayReadHealthDetails(req, this.auth));
  }
}
