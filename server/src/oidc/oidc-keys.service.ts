import { Injectable } from '@nestjs/common';
import { Clock } from '../platform/clock';
import { SecretsRepository } from '../secrets/secrets.repository';
import { newCookieKey, newSigningKey, rotate, type OidcKeyring } from './oidc-keys';

/** The provider's keys, generated at first use and kept 0600 in the data directory. */
@Injectable()
export class OidcKeysService {
  /** One generation at a time: two first requests at once must not write two different keyrings. */
  private pending: Promise<OidcKeyring> | undefined;

  constructor(
    private readonly secrets: SecretsRepository,
    private readonly clock: Clock,
  ) {}

  keyring(): Promise<OidcKeyring> {
    const existing = this.secrets.oidcKeys();
    if (existing?.signing.length && existing.cookieKeys.length) return Promise.resolve(existing);
    this.pending ??= this.generate().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** Adds a new signing key; the previous one stays published, older ones go. Returns the new ring. */
  async rotate(): Promise<OidcKeyring> {
    const next = rotate(await this.keyring(), await newSigningKey(this.clock.now()));
    this.secrets.saveOidcKeys(next);
    return next;
  }

  private async generate(): Promise<OidcKeyring> {
    const keyring: OidcKeyring = { signing: [await newSigningKey(this.clock.now())], cookieKeys: [newCookieKey()] };
    this.secrets.saveOidcKeys(keyring);
    return keyring;
  }
}
