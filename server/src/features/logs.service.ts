import { HttpStatus, Injectable } from '@nestjs/common';
import { isFeature } from '../catalog/catalog';
import { ApiException } from '../common/api-error';
import { EngineRepository } from '../engine/engine.repository';
import { InstallationRepository } from '../setup/installation.repository';
import type { LogLineDto } from './dto/logs.dto';
import { ownServices } from './feature-services';

/** A service can print anything: longer lines are cut so one line cannot flood the browser or the manager. */
export const MAX_LOG_LINE_CHARS = 4096;

function line(serviceId: string | undefined, stream: LogLineDto['stream'], text: string): LogLineDto {
  const cut = text.length > MAX_LOG_LINE_CHARS ? `${text.slice(0, MAX_LOG_LINE_CHARS)}…` : text;
  return { service: serviceId ?? '', stream, text: cut };
}

/** Logs of a feature's containers: a tail, or a live stream until the client goes away. */
@Injectable()
export class LogsService {
  constructor(
    private readonly installation: InstallationRepository,
    private readonly engine: EngineRepository,
  ) {}

  private async containers(feature: string) {
    if (!isFeature(feature)) throw new ApiException(HttpStatus.NOT_FOUND, `Unknown feature "${feature}".`);
    const installation = await this.installation.get();
    if (!installation) return [];
    const own = ownServices(feature) as string[];
    return (await this.engine.listManaged(installation.applianceId)).filter((c) => own.includes(c.serviceId ?? ''));
  }

  async tail(feature: string, tail: number): Promise<LogLineDto[]> {
    const lines: LogLineDto[] = [];
    for (const container of await this.containers(feature)) {
      for await (const entry of this.engine.logs(container.id, { tail })) {
        lines.push(line(container.serviceId, entry.stream, entry.text));
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
        for await (const entry of this.engine.logs(container.id, { tail, follow: true, signal })) {
          emit(line(container.serviceId, entry.stream, entry.text));
        }
      }),
    );
    return containers.length;
  }
}
