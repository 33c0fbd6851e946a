import { Injectable, Logger } from '@nestjs/common';
import { FederationLinkRepository } from './federation-link.repository';
import { LocalAppliance } from './local-appliance.port';
import { offsitePlaceUrl } from './offsite-place';
import { type Signer, UpstreamLinkRepository } from './upstream-link.repository';

export interface OffsiteHost {
  upstreamUrl: string;
  upstreamName: string;
}

/**
 * The host's off-site repository as a backup place (each backup is then copied there). Its credential
 * comes over the signed link; the backups' password never leaves this appliance. Tried at join, then
 * after each heartbeat until it works: a host that did not answer at join time still gets the copies.
 */
@Injectable()
export class OffsiteSetupService {
  private readonly logger = new Logger('Federation');

  constructor(
    private readonly links: FederationLinkRepository,
    private readonly upstream: UpstreamLinkRepository,
    private readonly local: LocalAppliance,
  ) {}

  /** True once the place is made; a failure is logged and left pending (the link works without it). */
  async setUp(host: OffsiteHost, signer: Signer): Promise<boolean> {
    try {
      const credential = await this.upstream.offsite(host.upstreamUrl, signer);
      await this.local.useOffsitePlace({
        label: host.upstreamName,
        url: offsitePlaceUrl(host.upstreamUrl, credential),
      });
      await this.links.offsiteDone();
      this.logger.log(`backups are copied to ${host.upstreamName} from now on`);
      return true;
    } catch (error) {
      this.logger.warn(`the host's off-site backups could not be set up (tried again later): ${String(error)}`);
      return false;
    }
  }
}
