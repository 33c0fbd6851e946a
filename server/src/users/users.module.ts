import { Module } from '@nestjs/common';
import { InvitationRepository } from './invitation.repository';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  controllers: [UsersController],
  providers: [UsersService, InvitationRepository],
})
export class UsersModule {}
