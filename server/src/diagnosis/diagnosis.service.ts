import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { BackupRunRepository } from '../backups/backup-run.repository';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ApiException } from '../common/api-error';
import { FeaturesService } from '../features/features.service';
import { Clock } from '../platform/clock';
import { tlsModeFor } from '../services/appliance-context.service';
import { InstallationRepository } from '../setup/installation.repository';
import { HostRepository } from '../system/host.repository';
import { SystemService } from '../system/system.service';
import { CertificateRepository } from './certificate.repository';
import {
  backupCheck,
  type CertificateProbe,
  certificateCheck,
  diskCheck,
  engineCheck,
  featureCheck,
  memoryCheck,
} from './diagnosis-rules';
import type { DiagnosisCheck } from './diagnosis.types';
import { DnsDiagnosisService } from './dns-diagnosis.service';
import type { DiagnosisDto } from './dto/diagnosis.dto';

/** Everything a volunteer (or whoever helps them) needs to see at once, like YunoHost's diagnosis. */
@Injectable()
export class DiagnosisService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly installation: InstallationRepository,
    private readonly system: SystemService,
    private readonly host: HostRepository,
    private readonly features: FeaturesService,
    private readonly dns: DnsDiagnosisService,
    private readonly certificates: CertificateRepository,
    private readonly backups: BackupRunRepository,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<DiagnosisDto> {
    const installation = await this.installation.get();
    if (!installation) throw new ApiException(HttpStatus.CONFLICT, 'Setup has not been completed yet.');
    const enabled = (await this.installation.features()).filter((f) => f.enabled).map((f) => f.id);
    const [checks, disk, memory, features, records, certificate, backup] = await Promise.all([
      this.system.checks(),
      this.host.disk(),
      this.host.memory(),
      this.features.list(),
      this.dns.records(installation.domain, enabled),
      this.certificate(installation.domain),
      this.backup(),
    ]);
    const result: DiagnosisCheck[] = [
      engineCheck(checks.docker),
      diskCheck(disk),
      memoryCheck(memory),
      ...features.filter((f) => f.enabled).map((f) => featureCheck(f.id, f.state, f.health)),
      ...records,
      certificate,
      backup,
    ];
    return { domain: installation.domain, checkedAt: this.clock.now().toISOString(), checks: result };
  }

  /**
   * The certificate the proxy presents for the apex: from a container, the proxy itself on the
   * services' network (it carries the apex as an alias); otherwise its published HTTPS port here.
   */
  private async certificate(domain: string): Promise<DiagnosisCheck> {
    const mode = tlsModeFor(this.config.proxy.tls, domain);
    let probe: CertificateProbe;
    if (mode === 'off') {
      probe = { kind: 'off' };
    } else {
      const [host, port] = this.config.inContainer ? [domain, 443] : ['127.0.0.1', this.config.proxy.httpsPort];
      try {
        const certificate = await this.certificates.peer(host, port, domain);
        probe = { kind: 'certificate', certificate, internalCa: mode === 'internal' };
      } catch (error) {
        probe = { kind: 'unreachable', error: error instanceof Error ? error.message : String(error) };
      }
    }
    return certificateCheck(domain, probe, this.clock.now());
  }

  private async backup(): Promise<DiagnosisCheck> {
    const [latest] = await this.backups.recent();
    const success = await this.backups.lastSuccess();
    return backupCheck(latest ?? null, success?.finishedAt ?? null, this.clock.now());
  }
}
