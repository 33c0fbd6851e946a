import { Injectable } from '@nestjs/common';
import { InstallationRepository } from '../setup/installation.repository';
import { FEATURES, type Feature } from '../setup/setup.types';
import { ServiceDto } from './dto/service.dto';

const NAMES: Record<Feature, string> = { chat: 'Matrix chat', pad: 'HedgeDoc pad', files: 'Nextcloud files' };
const SUBDOMAINS: Record<Feature, string> = { chat: 'chat', pad: 'pad', files: 'files' };

/** The services the community chose. Until the engine runs them they are all "not installed". */
@Injectable()
export class ServicesService {
  constructor(private readonly installation: InstallationRepository) {}

  async list(): Promise<ServiceDto[]> {
    const installation = await this.installation.get();
    const enabled = new Set((await this.installation.features()).filter((f) => f.enabled).map((f) => f.id));
    return FEATURES.map((id) => ({
      id,
      name: NAMES[id],
      enabled: enabled.has(id),
      state: 'not-installed',
      health: 'unknown',
      version: null,
      url: installation && enabled.has(id) ? `https://${SUBDOMAINS[id]}.${installation.domain}` : null,
    }));
  }
}
