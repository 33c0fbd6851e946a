import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuthService } from '../auth/auth.service';
import type { AuthContext } from '../auth/auth.types';
import { CurrentAuth } from '../auth/current-auth.decorator';
import { setSessionCookies } from '../auth/session-cookie';
import { ApiErrors } from '../common/openapi-errors';
import { Public } from '../common/public.decorator';
import { UserDto, UserEnvelopeDto } from '../users/dto/user.dto';
import {
  AcceptMemberInvitationDto,
  CreateMemberInvitationDto,
  MemberInvitationCreatedDto,
  MemberInvitationDto,
  MemberInvitationIdParams,
  MemberInvitationStatusDto,
} from './dto/member-invitation.dto';
import { MemberInvitationsService } from './member-invitations.service';

/**
 * Member links, under /members/invitations: the same shape as the admins' /invitations routes, on
 * their own table (member-invitation.entity.ts says why they are not shared).
 */
@ApiTags('members')
@Controller('members/invitations')
export class MemberInvitationsController {
  constructor(
    private readonly invitations: MemberInvitationsService,
    private readonly auth: AuthService,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: MemberInvitationCreatedDto })
  create(
    @Body() dto: CreateMemberInvitationDto,
    @CurrentAuth() auth: AuthContext,
  ): Promise<MemberInvitationCreatedDto> {
    return this.invitations.create(dto, auth.user);
  }

  @Get()
  @ApiOkResponse({ type: MemberInvitationDto, isArray: true, description: 'Links not yet expired, newest first' })
  list(): Promise<MemberInvitationDto[]> {
    return this.invitations.list();
  }

  /** Not under /members/invitations/{token}: the id is not the link's token. */
  @Delete('pending/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The link no longer works' })
  @ApiErrors(404)
  revoke(@Param() params: MemberInvitationIdParams): void {
    this.invitations.revoke(params.id);
  }

  @Public()
  @Get(':token')
  @ApiOkResponse({ type: MemberInvitationStatusDto, description: 'valid, spent or expired' })
  @ApiErrors(404)
  describe(@Param('token') token: string): Promise<MemberInvitationStatusDto> {
    return this.invitations.describe(token);
  }

  /** Creates the member's account and signs them in. */
  @Public()
  @Post(':token/accept')
  @ApiCreatedResponse({ type: UserEnvelopeDto })
  @ApiErrors(404, 409, 410, 429)
  async accept(
    @Param('token') token: string,
    @Body() dto: AcceptMemberInvitationDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UserEnvelopeDto> {
    const member = await this.invitations.accept(token, dto, req.ip ?? 'unknown');
    setSessionCookies(req, res, await this.auth.createSession(member.id));
    return { user: UserDto.from(member) };
  }
}
