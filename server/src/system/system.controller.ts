import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SystemStatusDto } from './dto/health.dto';
import { SystemService } from './system.service';

/** The appliance's status for its admins (`/api/health` is HealthController's, in every mode). */
@ApiTags('system')
@Controller()
export class SystemController {
  constructor(private readonly system: SystemService) {}

  /** For a logged-in admin (the route is not public): checks with their details, capacity, and the locks. */
  @Get('system/status')
  @ApiOkResponse({ type: SystemStatusDto })
  status(): Promise<SystemStatusDto> {
    return this.system.status();
  }
}
