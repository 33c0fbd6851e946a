import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi-errors';
import {
  CreateEnrollmentTokenDto,
  EnrollmentTokenCreatedDto,
  EnrollmentTokenDto,
  FleetApplianceDto,
  FleetAppliancesQueryDto,
  FleetCommandDto,
  FleetIdentityDto,
  IssueCommandDto,
  IssueCommandsDto,
} from './dto/fleet.dto';
import { EnrollmentTokensService } from './enrollment-tokens.service';
import { FleetAppliancesService } from './fleet-appliances.service';
import { FleetCommandsService } from './fleet-commands.service';
import { FleetIdentityService } from './fleet-identity.service';

/** The hosting co-op's fleet (upstream mode, administrators only): codes, communities, commands. */
@ApiTags('fleet')
@Controller('fleet')
export class FleetController {
  constructor(
    private readonly identity: FleetIdentityService,
    private readonly tokens: EnrollmentTokensService,
    private readonly appliances: FleetAppliancesService,
    private readonly commands: FleetCommandsService,
  ) {}

  /** 409 before setup. */
  @Get()
  @ApiOkResponse({ type: FleetIdentityDto })
  @ApiErrors(409)
  get(): Promise<FleetIdentityDto> {
    return this.identity.identity();
  }

  /** The code is in this answer only (only the token's hash is stored). 409 before setup. */
  @Post('tokens')
  @ApiCreatedResponse({ type: EnrollmentTokenCreatedDto })
  @ApiErrors(409)
  createToken(@Body() dto: CreateEnrollmentTokenDto): Promise<EnrollmentTokenCreatedDto> {
    return this.tokens.create(dto);
  }

  @Get('tokens')
  @ApiOkResponse({ type: EnrollmentTokenDto, isArray: true })
  listTokens(): Promise<EnrollmentTokenDto[]> {
    return this.tokens.list();
  }

  /** Before use only: 409 once a community enrolled with it. */
  @Delete('tokens/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiErrors(409)
  revokeToken(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.tokens.revoke(id);
  }

  @Get('appliances')
  @ApiOkResponse({ type: FleetApplianceDto, isArray: true })
  listAppliances(@Query() query: FleetAppliancesQueryDto): Promise<FleetApplianceDto[]> {
    return this.appliances.list(query.attention === '1');
  }

  /** From now on its requests are refused (403). */
  @Delete('appliances/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  revokeAppliance(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.appliances.revoke(id);
  }

  @Get('appliances/:id/commands')
  @ApiOkResponse({ type: FleetCommandDto, isArray: true })
  async recentCommands(@Param('id', ParseUUIDPipe) id: string): Promise<FleetCommandDto[]> {
    await this.appliances.get(id);
    return this.commands.recent(id);
  }

  /** 409 for a revoked or departed community. */
  @Post('appliances/:id/commands')
  @ApiCreatedResponse({ type: FleetCommandDto })
  @ApiErrors(409)
  async issue(@Param('id', ParseUUIDPipe) id: string, @Body() dto: IssueCommandDto): Promise<FleetCommandDto> {
    const [command] = await this.commands.issue([id], dto);
    return command;
  }

  /** One command to many communities: to all of them, or (404, 409) to none. */
  @Post('commands')
  @ApiCreatedResponse({ type: FleetCommandDto, isArray: true })
  @ApiErrors(404, 409)
  issueMany(@Body() dto: IssueCommandsDto): Promise<FleetCommandDto[]> {
    const { applianceIds, ...command } = dto;
    return this.commands.issue(applianceIds, command);
  }
}
