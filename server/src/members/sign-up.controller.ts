import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiErrorDto, ApiErrors } from '../common/openapi-errors';
import { Public } from '../common/public.decorator';
import { MemberDto, MemberIdParams } from './dto/member.dto';
import { SignUpDto, SignUpRequestedDto, SignUpSettingsDto, SignUpStatusDto } from './dto/sign-up.dto';
import { SignUpService } from './sign-up.service';

/**
 * Open sign-up (issue 11): the public form (/sign-up) and the admins' side under /members (the
 * setting and the requests). Registered before MembersController: /members/sign-up-requests/… must
 * not be read as /members/:id.
 */
@ApiTags('members')
@Controller()
export class SignUpController {
  constructor(private readonly signUps: SignUpService) {}

  @Public()
  @Get('sign-up')
  @ApiOkResponse({ type: SignUpStatusDto })
  async status(): Promise<SignUpStatusDto> {
    return { open: await this.signUps.isOpen() };
  }

  /** Creates a pending account: it cannot sign in until an admin approves it. */
  @Public()
  @Post('sign-up')
  @ApiCreatedResponse({ type: SignUpRequestedDto })
  @ApiResponse({ status: 403, description: 'Sign-up is closed (errors[0].code: closed)', type: ApiErrorDto })
  @ApiErrors(409)
  @ApiResponse({
    status: 429,
    description: 'Too many requests from this address, or too many waiting for an admin (errors[0].code: full)',
    type: ApiErrorDto,
  })
  async signUp(@Body() dto: SignUpDto, @Req() req: Request): Promise<SignUpRequestedDto> {
    const member = await this.signUps.signUp(dto, req.ip ?? 'unknown');
    return { username: member.username, status: 'pending' };
  }

  @Get('members/sign-up-settings')
  @ApiOkResponse({ type: SignUpSettingsDto })
  async settings(): Promise<SignUpSettingsDto> {
    return { open: await this.signUps.isOpen() };
  }

  @Put('members/sign-up-settings')
  @ApiOkResponse({ type: SignUpSettingsDto })
  async saveSettings(@Body() dto: SignUpSettingsDto): Promise<SignUpSettingsDto> {
    return { open: await this.signUps.setOpen(dto.open) };
  }

  @Get('members/sign-up-requests')
  @ApiOkResponse({ type: MemberDto, isArray: true, description: 'Requests waiting for an admin, oldest first' })
  async requests(): Promise<MemberDto[]> {
    return (await this.signUps.listPending()).map((m) => MemberDto.from(m));
  }

  /** The person can then sign in everywhere; mailed when they gave an address and mail is set up. */
  @Post('members/sign-up-requests/:id/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: MemberDto })
  @ApiErrors(404)
  async approve(@Param() params: MemberIdParams): Promise<MemberDto> {
    return MemberDto.from(await this.signUps.approve(params.id));
  }

  /** Refusing deletes the request; the username is free again. */
  @Delete('members/sign-up-requests/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Refused and deleted' })
  @ApiErrors(404)
  refuse(@Param() params: MemberIdParams): void {
    this.signUps.refuse(params.id);
  }
}
