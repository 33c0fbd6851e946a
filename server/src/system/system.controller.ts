import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/public.decorator';
import { HealthDto, SystemStatusDto } from './dto/health.dto';
import { SystemService } from './system.service';

@ApiTags('system')
@Controller()
export class SystemController {
  constructor(private readonly system: SystemService) {}

  /** Always 200 while the manager runs; "degraded" names what is down (the image healthcheck reads it). */
  @Public()
  @Get('health')
  @ApiOkResponse({ type: HealthDto })
  health(): Promise<HealthDto> {
    return this.system.health();
  }

  @Get('system/status')
  @ApiOkResponse({ type: SystemStatusDto })
  status(): Promise<SystemStatusDto> {
    return this.system.status();
  }
}
