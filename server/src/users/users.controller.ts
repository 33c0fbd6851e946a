import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuthService } from '../auth/auth.service';
import { type AuthContext } from '../auth/auth.types';
import { CurrentAuth } from '../auth/current-auth.decorator';
import { setSessionCookies } from '../auth/session-cookie';
import { Public } from '../common/public.decorator';
import { AcceptInvitationDto, CreateInvitationDto, InvitationCreatedDto, InvitationDto } from './dto/invitation.dto';
import { UserDto, UserEnvelopeDto, UserListItemDto } from './dto/user.dto';
import { UsersService } from './users.service';
import { ApiErrors } from '../common/openapi-errors';

@ApiTags('users')
@Controller()
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly auth: AuthService,
  ) {}

  @Get('users')
  @ApiOkResponse({ type: UserListItemDto, isArray: true })
  async list(): Promise<UserListItemDto[]> {
    return (await this.users.list()).map((u) => UserListItemDto.fromEntity(u));
  }

  @Post('invitations')
  @ApiCreatedResponse({ type: InvitationCreatedDto })
  invite(@Body() dto: CreateInvitationDto, @CurrentAuth() auth: AuthContext): Promise<InvitationCreatedDto> {
    return this.users.invite(dto.email, auth.user);
  }

  @Public()
  @Get('invitations/:token')
  @ApiOkResponse({ type: InvitationDto })
  @ApiErrors(410)
  describe(@Param('token') token: string): Promise<InvitationDto> {
    return this.users.describe(token);
  }

  @Public()
  @Post('invitations/:token/accept')
  @ApiCreatedResponse({ type: UserEnvelopeDto })
  @ApiErrors(409, 410)
  async accept(
    @Param('token') token: string,
    @Body() dto: AcceptInvitationDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UserEnvelopeDto> {
    const user = await this.users.accept(token, dto);
    setSessionCookies(req, res, await this.auth.createSession(user.id));
    return { user: UserDto.from(user) };
  }
}
