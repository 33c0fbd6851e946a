import { Module } from '@nestjs/common';
import { SecretsModule } from '../secrets/secrets.module';
import { InstallationRepository } from '../setup/installation.repository';
import { MailController } from './mail.controller';
import { MailService } from './mail.service';
import { MailSettingsRepository } from './mail-settings.repository';
import { PasswordResetController } from './password-reset.controller';
import { PasswordResetRepository } from './password-reset.repository';
import { PasswordResetService } from './password-reset.service';
import { SmtpRepository } from './smtp.repository';

/**
 * Outgoing mail, optional (issue 11): member invitations and password resets by mail when a relay is
 * set. Appliance mode (the relay's password lives with the services' secrets).
 */
@Module({
  imports: [SecretsModule],
  controllers: [MailController, PasswordResetController],
  // The installation's row (name, language, domain) is read directly: SetupModule brings the wizard along.
  providers: [
    InstallationRepository,
    MailService,
    MailSettingsRepository,
    SmtpRepository,
    PasswordResetService,
    PasswordResetRepository,
  ],
  exports: [MailService],
})
export class MailModule {}
