import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi-errors';
import { JobAcceptedDto } from '../jobs/dto/job.dto';
import { SelfUpdateStatusDto } from './dto/self-update.dto';
import { SelfUpdateService } from './self-update.service';

/** No route takes an image name: the target is the operator's configured channel (the socket is root). */
@ApiTags('system')
@ApiErrors(503)
@Controller('system/update')
export class SelfUpdateController {
  constructor(private readonly selfUpdate: SelfUpdateService) {}

  @Get()
  @ApiOkResponse({ type: SelfUpdateStatusDto })
  status(): Promise<SelfUpdateStatusDto> {
    return this.selfUpdate.status();
  }

  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: JobAcceptedDto })
  @ApiConflictResponse({
    description:
      'Nothing newer is available, an operation is under way, or the image was refused (same version, other image)',
  })
  start(): Promise<JobAcceptedDto> {
    return this.selfUpdate.request();
  }
}
