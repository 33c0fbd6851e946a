import { HttpStatus, Injectable } from '@nestjs/common';
import { isFeature } from '../catalog/catalog';
import { ApiException } from '../common/api-error';
import { EngineRepository } from '../engine/engine.repository';
import { InstallationRepository } from '../setup/installation.repository';
import type { LogLineDto } from './dto/service-change.dto';
import { ownServices } from './feature-services';

/** Logs of a feature's containers: a tail, or a live stream until the client goes away. */
@Injectable()
export class LogsService {
  constructor(
    private readonly installation: InstallationRepository,
    private readonly engine: EngineRepository,
  ) {}

  private async containers(feature: string) {
    if (!isFeature(feature)) throw new ApiException(HttpStatus.NOT_FOUND, `Unknown service "${feature}".`);
    const installation = await this.installation.get();
    if (!installation) return [];
    const own = ownServices(feature) as string[];
    return (await this.engine.listManaged(installation.applianceId)).filter((c) => own.includes(c.serviceId ?? ''));
  }

  async tail(feature: string, tail: number): Promise<LogLineDto[]> {
    const lines: LogLineDto[] = [];
    for (const container of await this.containers(feature)) {
      for await (const line of this.engine.logs(container.id, { tail })) {
        lines.push({ service: container.serviceId ?? '', stream: line.stream, text: line.text });
      }
    }
    return lines;
  }

  /**
   * Streams every container of the feature at once; resolves with how many there were, when all
   * streams end or the signal aborts.
   */
  async follow(feature: string, tail: number, signal: AbortSignal, emit: (line: LogLineDto) => void): Promise<number> {
    const containers = await this.containers(feature);
    await Promise.all(
      containers.map(async (container) => {
        for await (const line of this.engine.logs(container.id, { tail, follow: true, signal })) {
          emit({ service: container.serviceId ?? '', stream: line.stream, text: line.text });
        }
      }),
    );
    return containers.length;
  }
}
