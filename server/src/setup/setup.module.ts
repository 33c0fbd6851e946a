import { Module } from '@nestjs/common';
import { InstallationRepository } from './installation.repository';
import { SetupController } from './setup.controller';
import { SetupLinkController } from './setup-link.controller';
import { SetupOpenGuard } from './setup-open.guard';
import { SetupService } from './setup.service';
import { SetupTokenRepository } from './setup-token.repository';
import { SetupTokenCheck } from './setup-token.check';

@Module({
  controllers: [SetupController, SetupLinkController],
  providers: [SetupService, InstallationRepository, SetupTokenRepository, SetupOpenGuard, SetupTokenCheck],
  exports: [SetupService, InstallationRepository, SetupTokenRepository, SetupOpenGuard],
})
export class SetupModule {}
