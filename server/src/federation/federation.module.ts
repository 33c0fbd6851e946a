import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { FederationController } from './federation.controller';
import { FederationLinkRepository } from './federation-link.repository';
import { FederationService } from './federation.service';
import { LinkCommandsService } from './link-commands.service';
import { LinkKeysRepository } from './link-keys.repository';
import { LinkLoopService } from './link-loop.service';
import { LocalAppliance } from './local-appliance.port';
import { OffsiteSetupService } from './offsite-setup.service';
import { AWAITING_LINK } from '../setup/awaiting-link.port';
import { ProvisionedEnrollmentService } from './provisioned-enrollment.service';
import { UpstreamLinkRepository } from './upstream-link.repository';

/**
 * The appliance's link to a mutualised host (issue 12; the upstream's side is fleet/). The local side
 * it reads and triggers is a port: given by withLocal, so the link can be tested without an engine.
 */
@Module({})
export class FederationModule {
  static withLocal(module: Type, local: Type<LocalAppliance>): DynamicModule {
    return {
      module: FederationModule,
      imports: [module],
      controllers: [FederationController],
      providers: [
        FederationService,
        FederationLinkRepository,
        LinkKeysRepository,
        LinkLoopService,
        LinkCommandsService,
        OffsiteSetupService,
        ProvisionedEnrollmentService,
        UpstreamLinkRepository,
        { provide: LocalAppliance, useExisting: local },
        { provide: AWAITING_LINK, useExisting: FederationService },
      ],
    };
  }
}
