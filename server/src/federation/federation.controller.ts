import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi-errors';
import {
  EnrollDto,
  EnrollmentCodeDto,
  FederationLeftDto,
  FederationPreviewDto,
  FederationStatusDto,
} from './dto/federation.dto';
import { FederationService } from './federation.service';

/**
 * The link to a mutualised host (administrators only): look at a host's code, join it, see the link,
 * leave. Errors carry a message key in errors[0].code (federation.*).
 */
@ApiTags('federation')
@Controller('federation')
export class FederationController {
  constructor(private readonly federation: FederationService) {}

  @Get()
  @ApiOkResponse({ type: FederationStatusDto })
  status(): Promise<FederationStatusDto> {
    return this.federation.status();
  }

  /** Nothing changes: the host's name and key, checked against the code, for the admin to see first. */
  @Post('preview')
  @HttpCode(200)
  @ApiOkResponse({ type: FederationPreviewDto })
  @ApiErrors(400, 409, 502)
  preview(@Body() dto: EnrollmentCodeDto): Promise<FederationPreviewDto> {
    return this.federation.preview(dto.code);
  }

  /** 409: already joined, the host's key is not the code's, or the host refused the code (used, expired, withdrawn). */
  @Post('enroll')
  @HttpCode(200)
  @ApiOkResponse({ type: FederationStatusDto })
  @ApiErrors(400, 409, 502)
  enroll(@Body() dto: EnrollDto): Promise<FederationStatusDto> {
    return this.federation.enroll(dto.code);
  }

  /** 409 when no link awaits confirmation (refusing it is leaving: DELETE). */
  @Post('confirm')
  @HttpCode(200)
  @ApiOkResponse({ type: FederationStatusDto })
  @ApiErrors(409)
  confirm(): Promise<FederationStatusDto> {
    return this.federation.confirm();
  }

  /** Leaves even when the host does not answer (upstreamConfirmed: false); keeps all local data. */
  @Delete()
  @HttpCode(200)
  @ApiOkResponse({ type: FederationLeftDto })
  @ApiErrors(404)
  leave(): Promise<FederationLeftDto> {
    return this.federation.leave();
  }
}
