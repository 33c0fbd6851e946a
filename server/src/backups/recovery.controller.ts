import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi-errors';
import { Public } from '../common/public.decorator';
import { JobAcceptedDto } from '../jobs/dto/job.dto';
import { SetupOpenGuard } from '../setup/setup-open.guard';
import { RecoveryRequestDto } from './dto/recovery.dto';
import { RecoveryService } from './recovery.service';

/** The wizard's "Restore from a backup" (disaster recovery), open only while the setup is not done. */
@ApiTags('setup')
@Controller('setup')
export class RecoveryController {
  constructor(private readonly recovery: RecoveryService) {}

  @Public()
  @Post('restore')
  @HttpCode(202)
  @UseGuards(SetupOpenGuard)
  @ApiAcceptedResponse({ type: JobAcceptedDto, description: 'Settings and admins restored; the services follow' })
  @ApiErrors(400, 403, 404, 409)
  restore(@Body() dto: RecoveryRequestDto): Promise<JobAcceptedDto> {
    return this.recovery.recover(dto);
  }
}
