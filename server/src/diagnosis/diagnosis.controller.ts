import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiErrors } from '../common/openapi-errors';
import { Public } from '../common/public.decorator';
import { SetupOpenGuard } from '../setup/setup-open.guard';
import { DiagnosisService } from './diagnosis.service';
import { DiagnosisDto, DnsCheckDto, DnsCheckRequestDto } from './dto/diagnosis.dto';
import { SetupDnsCheckService } from './setup-dns-check.service';

@ApiTags('diagnosis')
@Controller()
export class DiagnosisController {
  constructor(
    private readonly diagnosis: DiagnosisService,
    private readonly setupCheck: SetupDnsCheckService,
  ) {}

  /** Admins only (the default guard): engine, disk, memory, features, DNS, certificate, last backup. */
  @Get('diagnosis')
  @ApiOkResponse({ type: DiagnosisDto })
  @ApiErrors(401, 403, 409)
  run(): Promise<DiagnosisDto> {
    return this.diagnosis.run();
  }

  /** Before setup, for the wizard's domain step; refused once setup is done, throttled per address. */
  @Public()
  @Post('setup/dns-check')
  @HttpCode(200)
  @UseGuards(SetupOpenGuard)
  @ApiOkResponse({ type: DnsCheckDto })
  @ApiErrors(400, 403, 409, 429)
  dnsCheck(@Body() dto: DnsCheckRequestDto, @Req() req: Request): Promise<DnsCheckDto> {
    return this.setupCheck.check(dto, req.ip ?? 'unknown');
  }
}
