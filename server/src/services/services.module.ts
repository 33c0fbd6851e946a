import { Module } from '@nestjs/common';
import { ImagesModule } from '../images/images.module';
import { JobKinds } from '../jobs/job-registry';
import { JOB_KIND_GROUPS } from '../jobs/job.types';
import { JobsModule } from '../jobs/jobs.module';
import { SetupModule } from '../setup/setup.module';
import { SystemModule } from '../system/system.module';
import { ApplianceContextService } from './appliance-context.service';
import { ChatAdminService } from './chat-admin.service';
import { ComponentRepository } from './component.repository';
import { FeatureSettingRepository } from './feature-setting.repository';
import { LogsService } from './logs.service';
import { MatrixAdminService } from './matrix-admin.service';
import { OperationsService } from './operations.service';
import { ProxyAdminRepository } from './proxy-admin.repository';
import { ProxyService } from './proxy.service';
import { ReconcilerService } from './reconciler.service';
import { ServiceHttpRepository } from './service-http.repository';
import { FeaturesController } from './features.controller';
import { ServiceStepsService } from './service-steps.service';
import { ServicesService } from './services.service';

@JobKinds(...JOB_KIND_GROUPS.features)
@Module({
  imports: [SetupModule, JobsModule, SystemModule, ImagesModule],
  controllers: [FeaturesController],
  providers: [
    ServicesService,
    ApplianceContextService,
    ChatAdminService,
    ComponentRepository,
    FeatureSettingRepository,
    LogsService,
    MatrixAdminService,
    OperationsService,
    ProxyAdminRepository,
    ProxyService,
    ReconcilerService,
    ServiceHttpRepository,
    ServiceStepsService,
  ],
})
export class ServicesModule {}
