import { Injectable } from '@nestjs/common';
import { FeaturesService } from '../features/features.service';
import { Clock } from '../platform/clock';
import { InstallationRepository } from '../setup/installation.repository';
import type { FirstStepsDto } from './dto/first-steps.dto';
import { FirstStepsRepository } from './first-steps.repository';

/** How the dashboard was reached: the host name and whether over HTTPS (behind trusted proxies only). */
export interface Reached {
  hostname: string;
  secure: boolean;
}

/** Whether `hostname` is the community's domain or one of its service names (chat., pad.…). */
export function atDomain(hostname: string, domain: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host === domain || host.endsWith(`.${domain}`);
}

/** The first-run checklist: what is done is read from what exists, never ticked by hand. */
@Injectable()
export class FirstStepsService {
  constructor(
    private readonly repository: FirstStepsRepository,
    private readonly installation: InstallationRepository,
    private readonly features: FeaturesService,
    private readonly clock: Clock,
  ) {}

  async state(reached: Reached): Promise<FirstStepsDto> {
    const [installation, dismissedAt, features, peopleInvited, backedUp] = await Promise.all([
      this.installation.get(),
      this.repository.dismissedAt(),
      this.features.list(),
      this.repository.peopleInvited(),
      this.repository.backedUp(),
    ]);
    return {
      dismissedAt: dismissedAt?.toISOString() ?? null,
      domain: installation?.domain ?? '',
      // Reaching this page over HTTPS at the domain proves both the DNS record and the certificate.
      domainReached: reached.secure && installation !== null && atDomain(reached.hostname, installation.domain),
      featureRunning: features.some((f) => f.enabled && f.state === 'running'),
      peopleInvited,
      backedUp,
    };
  }

  async setDismissed(dismissed: boolean, reached: Reached): Promise<FirstStepsDto> {
    await this.repository.setDismissed(dismissed ? this.clock.now() : null);
    return this.state(reached);
  }
}
