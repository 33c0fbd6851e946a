import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Controller, type ExecutionContext, Get, type HttpException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Public } from '../common/public.decorator';
import type { UserEntity } from '../users/user.entity';
import { AuthGuard } from './auth.guard';
import type { AuthService } from './auth.service';
import type { AuthContext } from './auth.types';
import { MembersToo } from './members-too.decorator';

@Controller()
class Routes {
  @Get() adminOnly(): void {}
  @MembersToo() @Get() ownAccount(): void {}
  @Public() @Get() open(): void {}
}

function guardFor(role: UserEntity['role'] | null): AuthGuard {
  const auth = {
    authenticate: () =>
      Promise.resolve(role ? ({ user: { role }, session: { csrfToken: 'c' } } as unknown as AuthContext) : null),
  } as unknown as AuthService;
  return new AuthGuard(new Reflector(), auth);
}

function call(handler: keyof Routes, method = 'GET'): ExecutionContext {
  const req = { method, cookies: { tl_session: 't' }, secure: false, header: () => 'c' };
  return {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
}

const status = (expected: number) => (error: unknown) => (error as HttpException).getStatus() === expected;

describe('AuthGuard and roles', () => {
  it('lets an admin reach every route', async () => {
    assert.equal(await guardFor('admin').canActivate(call('adminOnly')), true);
    assert.equal(await guardFor('admin').canActivate(call('ownAccount', 'PATCH')), true);
  });

  it('refuses a member on an unmarked route with 403, reads and writes alike', async () => {
    await assert.rejects(guardFor('member').canActivate(call('adminOnly')), status(403));
    await assert.rejects(guardFor('member').canActivate(call('adminOnly', 'DELETE')), status(403));
  });

  it('lets a member reach a @MembersToo route and any public one', async () => {
    assert.equal(await guardFor('member').canActivate(call('ownAccount')), true);
    assert.equal(await guardFor('member').canActivate(call('ownAccount', 'PATCH')), true);
    assert.equal(await guardFor('member').canActivate(call('open')), true);
  });

  it('without a session: 401 on a @MembersToo route too', async () => {
    await assert.rejects(guardFor(null).canActivate(call('ownAccount')), status(401));
  });
});
