import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ApiException } from '../common/api-error';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { LINK_PROTOCOL, type UpstreamAbout } from '../fleet-link/link.types';
import { InstallationRepository } from '../setup/installation.repository';
import type { FleetIdentityDto } from './dto/fleet.dto';
import { FleetKeyRepository } from './fleet-key.repository';

/** Who this upstream is: its name (from setup), its public address and its signing key. */
@Injectable()
export class FleetIdentityService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly installation: InstallationRepository,
    private readonly keys: FleetKeyRepository,
  ) {}

  /** 409 before setup: without it there is no name, and no domain to be reached at. */
  async identity(): Promise<FleetIdentityDto> {
    const installation = await this.installation.get();
    if (!installation) throw new ApiException(HttpStatus.CONFLICT, 'Finish the setup first.');
    return {
      name: installation.communityName,
      url: this.config.publicUrl ?? `https://${installation.domain}`,
      fingerprint: this.keys.get().fingerprint,
    };
  }

  async about(): Promise<UpstreamAbout> {
    const key = this.keys.get();
    const installation = await this.installation.get();
    return {
      protocol: LINK_PROTOCOL,
      name: installation?.communityName ?? '',
      publicKey: key.publicKeyBase64,
      fingerprint: key.fingerprint,
    };
  }
}
