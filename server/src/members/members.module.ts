import { Module } from '@nestjs/common';
import { MeController } from './me.controller';
import { MeService } from './me.service';
import { MemberInvitationRepository } from './member-invitation.repository';
import { MemberInvitationsController } from './member-invitations.controller';
import { MemberInvitationsService } from './member-invitations.service';
import { MemberRepository } from './member.repository';
import { MemberServiceAccounts, NoServiceAccounts } from './member-service-accounts.port';
import { MembersController } from './members.controller';
import { MembersService } from './members.service';

/** Members: accounts for the community, distinct from admins (issue 11). */
@Module({
  // Invitations first: /members/invitations must not be read as /members/:id.
  controllers: [MemberInvitationsController, MembersController, MeController],
  providers: [
    MembersService,
    MemberInvitationsService,
    MeService,
    MemberRepository,
    MemberInvitationRepository,
    // TODO(issue 11, OIDC slice): the Synapse / HedgeDoc / Nextcloud implementation, in appliance mode.
    { provide: MemberServiceAccounts, useClass: NoServiceAccounts },
  ],
})
export class MembersModule {}
