import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../common/public.decorator';
import { UserDto, UserEnvelopeDto } from '../users/dto/user.dto';
import { AuthService } from './auth.service';
import { type AuthContext } from './auth.types';
import { CurrentAuth } from './current-auth.decorator';
import { MembersToo } from './members-too.decorator';
import { LoginDto } from './dto/login.dto';
import { clearSessionCookies, readSessionCookie, setSessionCookies } from './session-cookie';
import { ApiErrorDto, ApiErrors } from '../common/openapi-errors';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: UserEnvelopeDto })
  @ApiErrors(401, 429)
  @ApiResponse({
    status: 403,
    description:
      'A suspended member, or one awaiting approval (errors[0].code: awaitingApproval); said only after the right password',
    type: ApiErrorDto,
  })
  async login(
    @Body() dto: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UserEnvelopeDto> {
    const { user, session } = await this.auth.login(dto.username, dto.password, req.ip ?? 'unknown');
    setSessionCookies(req, res, session);
    return { user: UserDto.from(user) };
  }

  @MembersToo()
  @Get('me')
  @ApiOkResponse({ type: UserDto })
  me(@CurrentAuth() auth: AuthContext): UserDto {
    return UserDto.from(auth.user);
  }

  @MembersToo()
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse()
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const token = readSessionCookie(req);
    if (token) await this.auth.logout(token);
    clearSessionCookies(req, res);
  }
}
