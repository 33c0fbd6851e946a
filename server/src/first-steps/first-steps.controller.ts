import { Body, Controller, Get, Put, Req } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiErrors } from '../common/openapi-errors';
import { FirstStepsChangeDto, FirstStepsDto } from './dto/first-steps.dto';
import { FirstStepsService, type Reached } from './first-steps.service';

const reached = (req: Request): Reached => ({ hostname: req.hostname ?? '', secure: req.secure });

/** The dashboard's first-run checklist, for admins; hidden for the whole installation once dismissed. */
@ApiTags('system')
@Controller('first-steps')
export class FirstStepsController {
  constructor(private readonly firstSteps: FirstStepsService) {}

  @Get()
  @ApiOkResponse({ type: FirstStepsDto })
  state(@Req() req: Request): Promise<FirstStepsDto> {
    return this.firstSteps.state(reached(req));
  }

  @Put()
  @ApiOkResponse({ type: FirstStepsDto })
  @ApiErrors(400)
  change(@Body() dto: FirstStepsChangeDto, @Req() req: Request): Promise<FirstStepsDto> {
    return this.firstSteps.setDismissed(dto.dismissed, reached(req));
  }
}
