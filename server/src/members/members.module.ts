import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { MeController } from './me.controller';
import { AvatarController } from './avatar.controller';
import { AvatarRepository } from './avatar.repository';
import { AvatarService } from './avatar.service';
import { MemberAccountFactory } from './member-account.factory';
import { MeService } from './me.service';
import { MemberInvitationRepository } from './member-invitation.repository';
import { MemberInvitationsController } from './member-invitations.controller';
import { MemberInvitationsService } from './member-invitations.service';
import { MemberRepository } from './member.repository';
import { MemberServiceAccounts, NoServiceAccounts } from './member-service-accounts.port';
import { MembersController } from './members.controller';
import { MembersService } from './members.service';
import { SignUpController } from './sign-up.controller';
import { SignUpRepository } from './sign-up.repository';
import { SignUpService } from './sign-up.service';

/** Members: accounts for the community, distinct from admins (issue 11). */
@Module({
  // Invitations go by mail when outgoing mail is set up.
  imports: [MailModule],
  // Invitations first: /members/invitations must not be read as /members/:id.
  controllers: [MemberInvitationsController, SignUpController, MembersController, MeController, AvatarController],
  providers: [
    MembersService,
    MemberInvitationsService,
    MeService,
    AvatarService,
    AvatarRepository,
    MemberRepository,
    MemberAccountFactory,
    MemberInvitationRepository,
    SignUpService,
    SignUpRepository,
    // Replaced in appliance mode through withServiceAccounts (app.modules.ts): the OpenID provider's part.
    { provide: MemberServiceAccounts, useClass: NoServiceAccounts },
  ],
})
export class MembersModule {
  /** Members whose accounts in the services follow suspension and removal (`accounts`, from `module`). */
  static withServiceAccounts(module: Type, accounts: Type<MemberServiceAccounts>): DynamicModule {
    return {
      module: MembersModule,
      imports: [module],
      providers: [{ provide: MemberServiceAccounts, useExisting: accounts }],
    };
  }
}
