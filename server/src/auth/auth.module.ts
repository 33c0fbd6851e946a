import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Clock } from '../common/clock';
import { UserRepository } from '../users/user.repository';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginThrottleService } from './login-throttle.service';
import { SessionRepository } from './session.repository';

@Global()
@Module({
  controllers: [AuthController],
  providers: [
    AuthService,
    SessionRepository,
    UserRepository,
    LoginThrottleService,
    Clock,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, UserRepository, Clock],
})
export class AuthModule {}
