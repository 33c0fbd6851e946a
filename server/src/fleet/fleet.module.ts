import { Module } from '@nestjs/common';
import { InstallationRepository } from '../setup/installation.repository';
import { DeviceAuthService } from './device-auth.service';
import { DeviceRateRepository } from './device-rate.repository';
import { DeviceController } from './device.controller';
import { DeviceGuard } from './device.guard';
import { DeviceService } from './device.service';
import { EnrollmentTokensService } from './enrollment-tokens.service';
import { FleetAppliancesService } from './fleet-appliances.service';
import { FleetCommandRepository } from './fleet-command.repository';
import { FleetCommandsService } from './fleet-commands.service';
import { FleetIdentityService } from './fleet-identity.service';
import { FleetKeyRepository } from './fleet-key.repository';
import { FleetController } from './fleet.controller';
import { FleetRepository } from './fleet.repository';
import { OffsiteCredentialRepository } from './offsite-credential.repository';
import { OffsiteCredentialsService } from './offsite-credentials.service';
import { OffsiteStorageRepository } from './offsite-storage.repository';
import { OffsiteHttp } from './offsite.http';

/**
 * The hosting co-op's hub (upstream mode only, issue 12): enrollment codes, the fleet registry, signed
 * commands, and the device routes appliances call (fleet-link/ is the wire contract).
 */
@Module({
  controllers: [FleetController, DeviceController],
  // The installation's row (name, domain) is read directly: SetupModule brings the wizard along.
  providers: [
    InstallationRepository,
    FleetKeyRepository,
    FleetRepository,
    FleetCommandRepository,
    FleetIdentityService,
    EnrollmentTokensService,
    FleetAppliancesService,
    FleetCommandsService,
    DeviceRateRepository,
    DeviceAuthService,
    DeviceGuard,
    DeviceService,
    // Off-site backups: a restic REST repository per appliance (app.factory.ts mounts OffsiteHttp).
    OffsiteCredentialRepository,
    OffsiteCredentialsService,
    OffsiteStorageRepository,
    OffsiteHttp,
  ],
})
export class FleetModule {}
