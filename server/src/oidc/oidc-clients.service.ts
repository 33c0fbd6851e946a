import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { SecretsRepository } from '../secrets/secrets.repository';
import { tlsModeFor } from '../services/appliance-context.service';
import { InstallationRepository } from '../setup/installation.repository';
import {
  clientMetadata,
  clientSettings,
  issuerFor,
  OIDC_CLIENT_IDS,
  type OidcClientId,
  type OidcClientSettings,
  type Scheme,
} from './oidc-clients';

/** Where the provider lives: the installation's domain, over https unless TLS is off. */
export interface OidcSite {
  scheme: Scheme;
  domain: string;
  issuer: string;
}

/** The provider's first-party clients, and what a service's configuration needs to use one. */
@Injectable()
export class OidcClientsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly installation: InstallationRepository,
    private readonly secrets: SecretsRepository,
  ) {}

  /** Null until setup is done: there is no domain, hence no issuer, before. */
  async site(): Promise<OidcSite | null> {
    const installation = await this.installation.get();
    if (!installation) return null;
    const { domain } = installation;
    const scheme: Scheme = tlsModeFor(this.config.proxy.tls, domain) === 'off' ? 'http' : 'https';
    return { scheme, domain, issuer: issuerFor(scheme, domain) };
  }

  /** `{ issuer, clientId, clientSecret, redirectUris }` for a service (its config rendering); null before setup. */
  async settingsFor(id: OidcClientId): Promise<OidcClientSettings | null> {
    const site = await this.site();
    if (!site) return null;
    return clientSettings(id, site.issuer, site.domain, this.secrets.oidcClientSecrets()[id]);
  }

  /** Every client's metadata, as oidc-provider takes it. */
  metadata(site: OidcSite): Array<ReturnType<typeof clientMetadata>> {
    const secrets = this.secrets.oidcClientSecrets();
    return OIDC_CLIENT_IDS.map((id) => clientMetadata(id, secrets[id], site.domain));
  }
}
