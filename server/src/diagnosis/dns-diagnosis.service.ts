import { Inject, Injectable } from '@nestjs/common';
import { servicesForFeatures } from '../catalog/catalog';
import type { Feature } from '../catalog/catalog.types';
import { proxyHosts } from '../catalog/proxy.render';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { HostRepository } from '../system/host.repository';
import type { DiagnosisCheck } from './diagnosis.types';
import { DnsRepository } from './dns.repository';
import { judgeRecords } from './dns-rules';

/** The names the proxy serves for a domain and features, each resolved and judged (dns-rules.ts). */
@Injectable()
export class DnsDiagnosisService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dns: DnsRepository,
    private readonly host: HostRepository,
  ) {}

  /** The same list as the proxy's routes, so a name the proxy serves is never left out. */
  names(domain: string, features: readonly Feature[]): string[] {
    return proxyHosts(domain, new Set(servicesForFeatures(features)));
  }

  async records(domain: string, features: readonly Feature[]): Promise<DiagnosisCheck[]> {
    const answers = await Promise.all(this.names(domain, features).map((name) => this.dns.addresses(name)));
    return judgeRecords(answers, domain, {
      configured: this.config.dns.publicAddresses,
      local: this.host.addresses(),
    });
  }
}
