import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiException } from '../common/api-error';
import { IS_PUBLIC } from '../common/public.decorator';
import { sameSecret } from '../common/tokens';
import { AuthService } from './auth.service';
import { AuthenticatedRequest, CSRF_HEADER } from './auth.types';
import { MEMBERS_TOO } from './members-too.decorator';
import { readSessionCookie } from './session-cookie';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Global guard: every route needs a session unless marked @Public(); writes need the CSRF header.
 * Only an admin's session reaches a route, unless it is marked @MembersToo() (members-too.decorator.ts).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.flag(IS_PUBLIC, context)) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = readSessionCookie(req);
    const auth = token ? await this.auth.authenticate(token) : null;
    if (!auth) throw new ApiException(HttpStatus.UNAUTHORIZED, 'Please log in.');
    if (auth.user.role !== 'admin' && !this.flag(MEMBERS_TOO, context)) {
      throw new ApiException(HttpStatus.FORBIDDEN, 'This page is for the administrators of the community.');
    }
    if (!SAFE_METHODS.has(req.method)) {
      const header = req.header(CSRF_HEADER);
      if (!header || !sameSecret(header, auth.session.csrfToken)) {
        throw new ApiException(HttpStatus.FORBIDDEN, 'Missing or invalid CSRF token; reload the page.');
      }
    }
    req.auth = auth;
    return true;
  }

  private flag(key: string, context: ExecutionContext): boolean {
    return this.reflector.getAllAndOverride<boolean>(key, [context.getHandler(), context.getClass()]) === true;
  }
}
