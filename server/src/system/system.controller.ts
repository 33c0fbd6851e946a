import { Controller, Get, Req } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AuthService } from '../auth/auth.service';
import { Public } from '../common/public.decorator';
import { isLoopback } from '../common/trusted-proxies';
import { HealthDto, SystemStatusDto } from './dto/health.dto';
import { SystemService } from './system.service';

@ApiTags('system')
@Controller()
export class SystemController {
  constructor(
    private readonly system: SystemService,
    private readonly auth: AuthService,
  ) {}

  /**
   * Always 200 while the manager runs; "degraded" names what is down (the image healthcheck reads it).
   * Why a check is down (error texts, paths) is for a logged-in admin, or the recovery CLI on this
   * machine, not for anyone on the Internet.
   */
  @Public()
  @Get('health')
  @ApiOkResponse({ type: HealthDto })
  async health(@Req() req: Request): Promise<HealthDto> {
    // req.ip is the real client (forwarded headers count only from trusted proxies).
    const detailed = isLoopback(req.ip) || (await this.auth.fromRequest(req)) !== null;
    return this.system.health(detailed);
  }

  /** For a logged-in admin (the route is not public): checks with their details, capacity, and the locks. */
  @Get('system/status')
  @ApiOkResponse({ type: SystemStatusDto })
  status(): Promise<SystemStatusDto> {
    return this.system.status();
  }
}
