import { Module } from '@nestjs/common';
import { BackupsModule } from '../backups/backups.module';
import { FeaturesModule } from '../features/features.module';
import { SetupModule } from '../setup/setup.module';
import { SystemModule } from '../system/system.module';
import { CertificateRepository } from './certificate.repository';
import { DiagnosisController } from './diagnosis.controller';
import { DiagnosisService } from './diagnosis.service';
import { DnsDiagnosisService } from './dns-diagnosis.service';
import { DnsRepository } from './dns.repository';
import { SetupDnsCheckService } from './setup-dns-check.service';

/** The diagnosis page (admins) and the wizard's DNS check (setup token): an appliance's, it needs the engine. */
@Module({
  imports: [SystemModule, FeaturesModule, BackupsModule, SetupModule],
  controllers: [DiagnosisController],
  providers: [DiagnosisService, DnsDiagnosisService, DnsRepository, CertificateRepository, SetupDnsCheckService],
})
export class DiagnosisModule {}
