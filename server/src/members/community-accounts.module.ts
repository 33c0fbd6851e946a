import { Module } from '@nestjs/common';
import { OidcModule } from '../oidc/oidc.module';
import { ServicesModule } from '../services/services.module';
import { MatrixMembersService } from '../services/matrix-members.service';
import { PadFilesMembersService } from '../services/pad-files-members.service';
import { CommunityServiceAccounts } from './community-service-accounts';

/** What a member's suspension and removal reach beyond the manager (appliance mode; see app.modules.ts). */
@Module({
  imports: [OidcModule, ServicesModule],
  providers: [MatrixMembersService, PadFilesMembersService, CommunityServiceAccounts],
  exports: [CommunityServiceAccounts],
})
export class CommunityAccountsModule {}
