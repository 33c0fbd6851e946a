import { Body, Controller, Delete, Get, HttpCode, Post, Put, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiErrors } from '../common/openapi-errors';
import {
  MailSettingsDto,
  MailSettingsEnvelopeDto,
  MailTestDto,
  MailTestResultDto,
  PutMailSettingsDto,
} from './dto/mail-settings.dto';
import { MailService } from './mail.service';

/** Outgoing mail (administrators only): the relay's settings and a test message. */
@ApiTags('mail')
@Controller('mail')
export class MailController {
  constructor(private readonly mail: MailService) {}

  @Get('settings')
  @ApiOkResponse({ type: MailSettingsEnvelopeDto })
  async get(): Promise<MailSettingsEnvelopeDto> {
    return { settings: await this.mail.get() };
  }

  @Put('settings')
  @ApiOkResponse({ type: MailSettingsDto })
  put(@Body() dto: PutMailSettingsDto): Promise<MailSettingsDto> {
    return this.mail.put(dto);
  }

  /** Mail stops: invitations and resets go back to links the admins copy. */
  @Delete('settings')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(): Promise<void> {
    return this.mail.remove();
  }

  /** 502 when the relay cannot be reached or refuses: errors[0].code says which, `details` its words. */
  @Post('test')
  @HttpCode(200)
  @ApiOkResponse({ type: MailTestResultDto })
  @ApiErrors(409, 429, 502)
  async test(@Body() dto: MailTestDto, @Req() req: Request): Promise<MailTestResultDto> {
    await this.mail.sendTest(dto.to, req.ip ?? 'unknown');
    return { sent: true };
  }
}
