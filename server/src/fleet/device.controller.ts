import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi-errors';
import type { Heartbeat } from '../fleet-link/link.types';
import type { ApplianceSigner } from './fleet.repository';
import type { DeviceRequest } from './device-auth.service';
import { DeviceRoute } from './device.guard';
import { DeviceService } from './device.service';
import {
  CommandAckDto,
  EnrollAnswerDto,
  EnrollRequestDto,
  HeartbeatAnswerDto,
  HeartbeatDto,
  OffsiteCredentialDto,
  SignedCommandDto,
  UpstreamAboutDto,
} from './dto/device.dto';
import { FleetCommandsService } from './fleet-commands.service';
import { FleetIdentityService } from './fleet-identity.service';
import { HeartbeatBodyPipe } from './heartbeat-body.pipe';
import { OffsiteCredentialsService } from './offsite-credentials.service';

/** The signed caller, set by DeviceGuard (which refuses anything else before the handler runs). */
function appliance(req: DeviceRequest): ApplianceSigner {
  if (req.device?.kind !== 'appliance') throw new Error('DeviceGuard did not run');
  return req.device.appliance;
}

/**
 * The routes appliances call on their upstream (fleet-link/link.types.ts is the contract): outbound
 * from the appliance only, authenticated by signatures only.
 */
@ApiTags('fleet-device')
@Controller('fleet/device')
export class DeviceController {
  constructor(
    private readonly device: DeviceService,
    private readonly commands: FleetCommandsService,
    private readonly identity: FleetIdentityService,
    private readonly offsite: OffsiteCredentialsService,
  ) {}

  @Get('about')
  @DeviceRoute('unsigned')
  @ApiOkResponse({ type: UpstreamAboutDto })
  about(): Promise<UpstreamAboutDto> {
    return this.identity.about();
  }

  /** Signed by the new appliance key (the one in the body); spends the token once. */
  @Post('enroll')
  @DeviceRoute('enroll')
  @ApiCreatedResponse({ type: EnrollAnswerDto })
  @ApiErrors(409)
  enroll(@Body() dto: EnrollRequestDto, @Req() req: DeviceRequest): Promise<EnrollAnswerDto> {
    if (req.device?.kind !== 'enroll') throw new Error('DeviceGuard did not run');
    return this.device.enroll(dto, req.device.fingerprint);
  }

  @Post('heartbeat')
  @HttpCode(200)
  @DeviceRoute()
  @ApiOkResponse({ type: HeartbeatAnswerDto })
  // Typed as the interface, so the global ValidationPipe passes it by: HeartbeatBodyPipe checks the
  // same rules by hand (heartbeat-body.ts), the body HeartbeatDto documents.
  @ApiBody({ type: HeartbeatDto })
  heartbeat(@Body(HeartbeatBodyPipe) dto: Heartbeat, @Req() req: DeviceRequest): Promise<HeartbeatAnswerDto> {
    return this.device.heartbeat(appliance(req).id, dto);
  }

  @Get('commands')
  @DeviceRoute()
  @ApiOkResponse({ type: SignedCommandDto, isArray: true })
  pending(@Req() req: DeviceRequest): Promise<SignedCommandDto[]> {
    return this.commands.pending(appliance(req).id);
  }

  @Post('commands/:id/ack')
  @HttpCode(204)
  @DeviceRoute()
  @ApiNoContentResponse()
  ack(@Param('id', ParseUUIDPipe) id: string, @Body() dto: CommandAckDto, @Req() req: DeviceRequest): Promise<void> {
    return this.commands.ack(appliance(req).id, id, dto);
  }

  /** The appliance unenrolled (it keeps all its data); the upstream marks it left. */
  @Post('leave')
  @HttpCode(204)
  @DeviceRoute()
  @ApiNoContentResponse()
  leave(@Req() req: DeviceRequest): Promise<void> {
    return this.device.leave(appliance(req).id);
  }

  /** The credential of this appliance's off-site repository (offsite.http.ts); a new one each call. */
  @Post('offsite')
  @HttpCode(200)
  @DeviceRoute()
  @ApiOkResponse({ type: OffsiteCredentialDto })
  offsiteCredential(@Req() req: DeviceRequest): Promise<OffsiteCredentialDto> {
    return this.offsite.issue(appliance(req).id);
  }
}
