import { Inject, Injectable } from '@nestjs/common';
import type Provider from 'oidc-provider';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { OidcAccountsService } from './oidc-accounts.service';
import { OidcClientsService } from './oidc-clients.service';
import { createProvider } from './oidc-provider.factory';
import { OidcKeysService } from './oidc-keys.service';
import { OidcPayloadRepository } from './oidc-payload.repository';

interface Built {
  issuer: string;
  provider: Provider;
}

/**
 * The provider, built at its first request after setup (keys generated then) and rebuilt when what
 * it was built from changes: the domain or TLS mode (the issuer), or the keys after a rotation. Its
 * state lives in SQLite, so a rebuild loses no session, grant or code.
 */
@Injectable()
export class OidcProviderService {
  private built: Promise<Built> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clients: OidcClientsService,
    private readonly keys: OidcKeysService,
    private readonly accounts: OidcAccountsService,
    private readonly store: OidcPayloadRepository,
  ) {}

  /** Null before setup: there is no issuer yet. */
  async provider(): Promise<Provider | null> {
    const site = await this.clients.site();
    if (!site) return null;
    const current = this.built;
    if (current) {
      const built = await current;
      if (built.issuer === site.issuer) return built.provider;
      if (this.built === current) this.built = undefined;
    }
    this.built ??= this.build(site.issuer);
    return (await this.built).provider;
  }

  /** New signing key in, previous one kept for verification, older dropped; the provider follows. */
  async rotateKeys(): Promise<{ signingKeyId: string; publishedKeyIds: string[] }> {
    const ring = await this.keys.rotate();
    this.built = undefined;
    return { signingKeyId: ring.signing[0].jwk.kid, publishedKeyIds: ring.signing.map((k) => k.jwk.kid) };
  }

  private async build(issuer: string): Promise<Built> {
    const site = await this.clients.site();
    if (!site) throw new Error('the installation went away while the OpenID provider was built');
    try {
      const provider = createProvider({
        issuer,
        clients: this.clients.metadata(site),
        keyring: await this.keys.keyring(),
        store: this.store,
        accounts: this.accounts,
        codeTtlSec: this.config.oidcCodeTtlSec,
      });
      return { issuer, provider };
    } catch (error) {
      this.built = undefined;
      throw error;
    }
  }
}
