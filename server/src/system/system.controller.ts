import { Controller, Get, Req } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AuthService } from '../auth/auth.service';
import { Public } from '../common/public.decorator';
import { HealthDto, SystemStatusDto } from './dto/health.dto';
import { mayReadHealthDetails } from './health-details';
import { SystemService } from './system.service';

@ApiTags('system')
@Controller()
export class SystemController {
  constructor(
    private readonly system: SystemService,
    private readonly auth: AuthService,
  ) {}

  /** Always 200 while the manager runs; "degraded" names what is down (the image healthcheck reads it). */
  @Public()
  @Get('health')
  @ApiOkResponse({ type: HealthDto })
  async health(@Req() req: Request): Promise<HealthDto> {
    return this.system.health(await mayReadHealthDetails(req, this.auth));
  }

  /** For a logged-in admin (the route is not public): checks with their details, capacity, and the locks. */
  @Get('system/status')
  @ApiOkResponse({ type: SystemStatusDto })
  status(): Promise<SystemStatusDto> {
    return this.system.status();
  }
}
