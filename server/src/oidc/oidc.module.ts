import { Module } from '@nestjs/common';
import { SetupModule } from '../setup/setup.module';
import { OidcAccountsService } from './oidc-accounts.service';
import { OidcClientsService } from './oidc-clients.service';
import { OidcController } from './oidc.controller';
import { OidcHttp } from './oidc.http';
import { OidcKeysService } from './oidc-keys.service';
import { OidcPayloadRepository } from './oidc-payload.repository';
import { OidcProviderService } from './oidc-provider.service';
import { OidcServiceAccounts } from './oidc-service-accounts';

/**
 * The community's OpenID provider (issue 11): chat, pad and files sign members in through it.
 * Appliance mode only (its secrets live with the services'); app.factory.ts mounts OidcHttp on /oidc.
 */
@Module({
  imports: [SetupModule],
  controllers: [OidcController],
  providers: [
    OidcAccountsService,
    OidcClientsService,
    OidcKeysService,
    OidcPayloadRepository,
    OidcProviderService,
    OidcHttp,
    OidcServiceAccounts,
  ],
  exports: [OidcClientsService, OidcHttp, OidcServiceAccounts],
})
export class OidcModule {}
