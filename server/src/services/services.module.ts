import { Module } from '@nestjs/common';
import { MailSettingsRepository } from '../mail/mail-settings.repository';
import { FeatureSettingRepository } from '../features/feature-setting.repository';
import { ImagesModule } from '../images/images.module';
import { SetupModule } from '../setup/setup.module';
import { SystemModule } from '../system/system.module';
import { ApplianceContextService } from './appliance-context.service';
import { ComponentRepository } from './component.repository';
import { MatrixAdminService } from './matrix-admin.service';
import { MatrixRoomsService } from './matrix-rooms.service';
import { ProxyAdminRepository } from './proxy-admin.repository';
import { ProxyService } from './proxy.service';
import { ReconcilerService } from './reconciler.service';
import { ServiceHttpRepository } from './service-http.repository';
import { ServiceStepsService } from './service-steps.service';

/**
 * The catalog's services (containers): their image pins, the steps that start and configure them,
 * the proxy in front of them, and the reconciler that makes the engine match the features' desired state.
 * FeatureSettingRepository is the features' own, provided here because the reconciler reads and clears
 * that desired state: FeaturesModule imports this module, never the other way round.
 */
@Module({
  imports: [SetupModule, SystemModule, ImagesModule],
  providers: [
    ApplianceContextService,
    ComponentRepository,
    FeatureSettingRepository,
    // The mail settings' row and password file, read into the services' configuration (stateless).
    MailSettingsRepository,
    MatrixAdminService,
    MatrixRoomsService,
    ProxyAdminRepository,
    ProxyService,
    ReconcilerService,
    ServiceHttpRepository,
    ServiceStepsService,
  ],
  exports: [
    ApplianceContextService,
    ComponentRepository,
    FeatureSettingRepository,
    MatrixAdminService,
    ReconcilerService,
    ServiceHttpRepository,
    ServiceStepsService,
  ],
})
export class ServicesModule {}
