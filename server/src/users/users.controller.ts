import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiGoneResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuthService } from '../auth/auth.service';
import { type AuthContext } from '../auth/auth.types';
import { CurrentAuth } from '../auth/current-auth.decorator';
import { clearSessionCookies, setSessionCookies } from '../auth/session-cookie';
import { Public } from '../common/public.decorator';
import {
  AcceptInvitationDto,
  CreateInvitationDto,
  InvitationCreatedDto,
  InvitationDto,
  InvitationIdParams,
  PendingInvitationDto,
} from './dto/invitation.dto';
import { UserDto, UserEnvelopeDto, UserIdParams, UserListItemDto } from './dto/user.dto';
import { UsersService } from './users.service';

const NO_SESSION = { description: 'No valid session' };
const NO_CSRF = { description: 'Missing or invalid CSRF header' };

@ApiTags('users')
@Controller()
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly auth: AuthService,
  ) {}

  @Get('users')
  @ApiOkResponse({ type: UserListItemDto, isArray: true })
  @ApiUnauthorizedResponse(NO_SESSION)
  async list(): Promise<UserListItemDto[]> {
    return (await this.users.list()).map((u) => UserListItemDto.fromEntity(u));
  }

  /** Removing oneself is allowed while another admin remains; it ends this session too. */
  @Delete('users/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed and signed out everywhere' })
  @ApiBadRequestResponse({ description: 'The id is not a UUID' })
  @ApiUnauthorizedResponse(NO_SESSION)
  @ApiForbiddenResponse(NO_CSRF)
  @ApiNotFoundResponse({ description: 'No such administrator' })
  @ApiConflictResponse({ description: 'The last administrator cannot be removed' })
  async remove(
    @Param() params: UserIdParams,
    @CurrentAuth() auth: AuthContext,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.users.remove(params.id, auth.user);
    if (params.id === auth.user.id) clearSessionCookies(req, res);
  }

  /** "Sign out everywhere"; for oneself it ends this session too. */
  @Delete('users/:id/sessions')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Every session of that administrator has ended' })
  @ApiBadRequestResponse({ description: 'The id is not a UUID' })
  @ApiUnauthorizedResponse(NO_SESSION)
  @ApiForbiddenResponse(NO_CSRF)
  @ApiNotFoundResponse({ description: 'No such administrator' })
  async revokeSessions(
    @Param() params: UserIdParams,
    @CurrentAuth() auth: AuthContext,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.users.revokeSessions(params.id);
    if (params.id === auth.user.id) clearSessionCookies(req, res);
  }

  @Post('invitations')
  @ApiCreatedResponse({ type: InvitationCreatedDto })
  @ApiBadRequestResponse({ description: 'Invalid email' })
  @ApiUnauthorizedResponse(NO_SESSION)
  @ApiForbiddenResponse(NO_CSRF)
  invite(@Body() dto: CreateInvitationDto, @CurrentAuth() auth: AuthContext): Promise<InvitationCreatedDto> {
    return this.users.invite(dto.email, auth.user);
  }

  @Get('invitations')
  @ApiOkResponse({ type: PendingInvitationDto, isArray: true, description: 'Invitations not yet accepted nor expired' })
  @ApiUnauthorizedResponse(NO_SESSION)
  pending(): Promise<PendingInvitationDto[]> {
    return this.users.pendingInvitations();
  }

  /** Cancels a link sent by mistake. Not under /invitations/{token}: the id is not the link's token. */
  @Delete('invitations/pending/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The link no longer works' })
  @ApiBadRequestResponse({ description: 'The id is not an invitation id' })
  @ApiUnauthorizedResponse(NO_SESSION)
  @ApiForbiddenResponse(NO_CSRF)
  @ApiNotFoundResponse({ description: 'No such invitation' })
  @ApiConflictResponse({ description: 'Already accepted' })
  revokeInvitation(@Param() params: InvitationIdParams): Promise<void> {
    return this.users.revokeInvitation(params.id);
  }

  @Public()
  @Get('invitations/:token')
  @ApiOkResponse({ type: InvitationDto })
  @ApiNotFoundResponse({ description: 'Not a valid invitation link' })
  @ApiGoneResponse({ description: 'Expired or already used' })
  describe(@Param('token') token: string): Promise<InvitationDto> {
    return this.users.describe(token);
  }

  @Public()
  @Post('invitations/:token/accept')
  @ApiCreatedResponse({ type: UserEnvelopeDto })
  @ApiBadRequestResponse({ description: 'Invalid username or password' })
  @ApiNotFoundResponse({ description: 'Not a valid invitation link' })
  @ApiConflictResponse({ description: 'Username already taken' })
  @ApiGoneResponse({ description: 'Expired or already used' })
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
