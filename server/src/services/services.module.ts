import { Module } from '@nestjs/common';
import { ImagesModule } from '../images/images.module';
import { JobsModule } from '../jobs/jobs.module';
import { SetupModule } from '../setup/setup.module';
import { SystemModule } from '../system/system.module';
import { ApplianceContextService } from './appliance-context.service';
import { ChatAdminService } from './chat-admin.service';
import { ComponentRepository } from './component.repository';
import { FeatureSettingRepository } from './feature-setting.repository';
import { LogsService } from './logs.service';
import { MatrixAdminService } from './matrix-admin.service';
import { OperationsProcessor } from './operations.processor';
import { OperationsService } from './operations.service';
import { ProxyAdminRepository } from './proxy-admin.repository';
import { ProxyService } from './proxy.service';
import { ReconcilerService } from './reconciler.service';
import { ServiceHttpRepository } from './service-http.repository';
import { ServiceStepsService } from './service-steps.service';
import { ServicesController } from './services.controller';
import { ServicesService } from './services.service';

@Module({
  imports: [SetupModule, JobsModule, SystemModule, ImagesModule],
  controllers: [ServicesController],
  providers: [
    ServicesService,
    ApplianceContextService,
    ChatAdminService,
    ComponentRepository,
    FeatureSettingRepository,
    LogsService,
    MatrixAdminService,
    OperationsProcessor,
    OperationsService,
    ProxyAdminRepository,
    ProxyService,
    ReconcilerService,
    ServiceHttpRepository,
    ServiceStepsService,
  ],
})
export class ServicesModule {}
