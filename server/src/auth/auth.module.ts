import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TrustedProxies } from '../common/trusted-proxies';
import { UserRepository } from '../users/user.repository';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { HashGate } from './hash-gate';
import { LoginThrottleService } from './login-throttle.service';
import { SessionRepository } from './session.repository';
import { SessionStreams } from './session-streams';

@Global()
@Module({
  controllers: [AuthController],
  providers: [
    AuthService,
    SessionRepository,
    UserRepository,
    LoginThrottleService,
    HashGate,
    SessionStreams,
    TrustedProxies,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, UserRepository, TrustedProxies, SessionStreams, HashGate, LoginThrottleService],
})
export class AuthModule {}
