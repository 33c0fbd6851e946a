import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ApiException } from '../common/api-error';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { EngineRepository } from '../engine/engine.repository';
import { tlsModeFor } from '../services/appliance-context.service';
import { InstallationRepository } from '../setup/installation.repository';
import type { PortalDto } from './dto/portal.dto';
import { decodeLogo, portalTiles } from './portal.rules';

/** The member portal's data: the community's branding and a tile per running feature. */
@Injectable()
export class PortalService {
  /** Anyone may ask: concurrent requests share one look at the engine instead of one each. */
  private inFlight: Promise<PortalDto> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly installation: InstallationRepository,
    private readonly engine: EngineRepository,
  ) {}

  portal(): Promise<PortalDto> {
    this.inFlight ??= this.read().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** The logo's bytes, or a 404 when the community has none. */
  async logo(): Promise<{ type: string; bytes: Buffer }> {
    const stored = (await this.installation.get())?.logo;
    const logo = stored ? decodeLogo(stored) : null;
    if (!logo) throw new ApiException(HttpStatus.NOT_FOUND, 'This community has no logo.');
    return logo;
  }

  private async read(): Promise<PortalDto> {
    const installation = await this.installation.get();
    if (!installation) throw new ApiException(HttpStatus.CONFLICT, 'Setup has not been completed yet.');
    const wanted = (await this.installation.features()).filter((f) => f.enabled && f.desiredRunning).map((f) => f.id);
    // Nothing meant to run: no need for the engine (a community with no feature yet still has a portal).
    const containers = wanted.length > 0 ? await this.engine.listManaged(installation.applianceId) : [];
    const { domain } = installation;
    return {
      community: {
        name: installation.communityName,
        color: installation.color,
        ...(installation.logo ? { logo: installation.logo } : {}),
      },
      domain,
      features: portalTiles({
        domain,
        scheme: tlsModeFor(this.config.proxy.tls, domain) === 'off' ? 'http' : 'https',
        wanted,
        containers,
      }),
    };
  }
}
